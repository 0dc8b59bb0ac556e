package dev.riffle.connector.kvs.mkv;

import org.apache.flink.annotation.PublicEvolving;

import java.io.IOException;

/**
 * The media ended inside a fragment (a connection cut, a partial file, a corrupt element). Every
 * fragment before it was complete and has been returned; the one in progress is lost and must be
 * read again.
 */
@PublicEvolving
public class TruncatedMediaException extends IOException {
    private static final long serialVersionUID = 1L;

    public TruncatedMediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
