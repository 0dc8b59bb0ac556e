package dev.riffle.jobs.parquet.record;

import org.apache.flink.annotation.PublicEvolving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * Writes an {@link ErrorRecord} as one line of JSON in Firehose's error record format, fields in
 * this order:
 *
 * <pre>{@code
 * {"attemptsMade":1,"arrivalTimestamp":1700000000000,
 *  "errorCode":"DataFormatConversion.InvalidValue",
 *  "errorMessage":"Field 'amount': 'abc' is not a decimal",
 *  "attemptEndingTimestamp":1700000000123,"rawData":"eyJhbW91bnQiOiJhYmMifQ==",
 *  "sequenceNumber":"4959...","subSequenceNumber":0}
 * }</pre>
 *
 * Timestamps are epoch milliseconds (UTC); {@code rawData} is the record's bytes in base64.
 */
@PublicEvolving
public final class ErrorRecordJson {

    private static final JsonFactory JSON = new JsonFactory();

    private ErrorRecordJson() {}

    /** Writes {@code record} and a newline to {@code out} (which is not closed). */
    public static void writeLine(ErrorRecord record, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.writeStartObject();
            g.writeNumberField("attemptsMade", record.attemptsMade);
            g.writeNumberField("arrivalTimestamp", record.arrivalTimestamp);
            g.writeStringField("errorCode", record.errorCode);
            g.writeStringField("errorMessage", record.errorMessage);
            g.writeNumberField("attemptEndingTimestamp", record.attemptEndingTimestamp);
            g.writeStringField(
                    "rawData",
                    Base64.getEncoder()
                            .encodeToString(record.rawData == null ? new byte[0] : record.rawData));
            g.writeStringField("sequenceNumber", record.sequenceNumber);
            g.writeNumberField("subSequenceNumber", record.subSequenceNumber);
            g.writeEndObject();
        }
        out.write('\n');
    }

    /** The line for {@code record}, without the newline. */
    public static String toJson(ErrorRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeLine(record, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String line = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        return line.substring(0, line.length() - 1);
    }
}
