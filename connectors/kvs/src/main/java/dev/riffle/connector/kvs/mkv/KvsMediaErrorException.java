package dev.riffle.connector.kvs.mkv;

import org.apache.flink.annotation.PublicEvolving;

import java.io.IOException;

/**
 * GetMedia stopped and said why with its error tags ({@code AWS_KINESISVIDEO_ERROR_ID} and {@code
 * AWS_KINESISVIDEO_ERROR_CODE}). Known ids: 3002 (error writing to the stream), 4000 (requested
 * fragment not found), 4500-4504 (the stream's KMS key: access denied, disabled, invalid,
 * unavailable, invalid usage), 4505 (invalid KMS key state), 4506 (KMS key not found), 5000
 * (internal error).
 */
@PublicEvolving
public class KvsMediaErrorException extends IOException {
    private static final long serialVersionUID = 1L;

    public static final int FRAGMENT_NOT_FOUND = 4000;

    private final int errorId;
    private final String errorCode;

    public KvsMediaErrorException(int errorId, String errorCode) {
        super("GetMedia stopped with KVS error " + errorId + " (" + errorCode + ")");
        this.errorId = errorId;
        this.errorCode = errorCode;
    }

    public int errorId() {
        return errorId;
    }

    public String errorCode() {
        return errorCode;
    }

    /** The KMS key errors: the stream cannot be read until someone fixes the key or its policy. */
    public boolean isKmsError() {
        return errorId >= 4500 && errorId < 4600;
    }
}
