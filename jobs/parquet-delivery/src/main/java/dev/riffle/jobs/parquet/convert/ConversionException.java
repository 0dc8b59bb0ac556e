package dev.riffle.jobs.parquet.convert;

import dev.riffle.jobs.parquet.record.ErrorCode;

import org.apache.flink.annotation.PublicEvolving;

/**
 * A record that cannot become a row: carries the error code and a message naming the field and the
 * problem. Thrown per record on the hot path, so it has no stack trace.
 */
@PublicEvolving
public class ConversionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ConversionException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
