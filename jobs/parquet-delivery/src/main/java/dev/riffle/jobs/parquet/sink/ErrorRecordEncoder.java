package dev.riffle.jobs.parquet.sink;

import dev.riffle.jobs.parquet.record.ErrorRecord;
import dev.riffle.jobs.parquet.record.ErrorRecordJson;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.Encoder;

import java.io.IOException;
import java.io.OutputStream;

/** Error records as JSON lines (see {@link ErrorRecordJson}). */
@Internal
public final class ErrorRecordEncoder implements Encoder<ErrorRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(ErrorRecord element, OutputStream stream) throws IOException {
        ErrorRecordJson.writeLine(element, stream);
    }
}
