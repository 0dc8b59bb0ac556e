package dev.riffle.connector.kinesis.sink;

import org.apache.flink.annotation.PublicEvolving;

/**
 * The sink cannot go on: the stream does not exist or may not be written, a record can never be
 * written and there is no dead-letter output, or {@code sink.fail-on-error} is set and a write
 * failed. The message names the stream.
 */
@PublicEvolving
public class KinesisSinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KinesisSinkException(String message) {
        super(message);
    }

    public KinesisSinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
