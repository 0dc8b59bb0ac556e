package dev.riffle.connector.kvs.media;

import org.apache.flink.annotation.Internal;

import java.io.IOException;

/** A GetDataEndpoint or GetMedia failure, classified: retryable or not. */
@Internal
public final class MediaClientException extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public MediaClientException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /**
     * True for throttling (ClientLimitExceeded, ConnectionLimitExceeded), a moved or missing
     * endpoint, a stream not (yet) found, network and server errors; false for a request KVS
     * rejects as invalid or not authorized, which no retry fixes.
     */
    public boolean isRetryable() {
        return retryable;
    }
}
