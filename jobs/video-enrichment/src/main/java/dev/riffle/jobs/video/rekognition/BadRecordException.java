package dev.riffle.jobs.video.rekognition;

/** A Rekognition record that cannot be used; the message says why, for the dead letter. */
public class BadRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadRecordException(String message) {
        super(message);
    }
}
