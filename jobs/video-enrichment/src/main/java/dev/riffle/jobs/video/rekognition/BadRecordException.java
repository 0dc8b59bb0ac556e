package dev.riffle.jobs.video.rekognition;

import dev.riffle.common.deadletter.ErrorType;

/** A Rekognition record that cannot be used; the message says why, for the dead letter. */
public class BadRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorType type;

    /** A record that is JSON but not usable Rekognition output. */
    public BadRecordException(String message) {
        this(ErrorType.SCHEMA_VIOLATION, message);
    }

    public BadRecordException(ErrorType type, String message) {
        super(message);
        this.type = type;
    }

    /** The dead letter's error type. */
    public ErrorType type() {
        return type;
    }
}
