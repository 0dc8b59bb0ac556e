package dev.riffle.testdata;

/**
 * The kinds of broken record the generator writes, and the dead-letter error type each must get.
 */
public enum Malformation {
    /** Truncated or garbled JSON. */
    BAD_JSON("MALFORMED_JSON"),
    /** JSON that is not an object: an array, a string, a number, null, or nothing at all. */
    NOT_AN_OBJECT("MALFORMED_JSON"),
    /**
     * A field of the wrong JSON type or with a value outside its schema (e.g. amount as a string).
     */
    WRONG_TYPE("SCHEMA_VIOLATION"),
    /** A required field left out. */
    MISSING_FIELD("SCHEMA_VIOLATION"),
    /**
     * A timestamp that is no instant: invalid dates, no zone offset, prose, negative, far future.
     */
    BAD_TIMESTAMP("INVALID_TIMESTAMP"),
    /** A record above the job's size limit. */
    OVERSIZE("OVERSIZE"),
    /** Bytes that are not UTF-8. */
    INVALID_UTF8("INVALID_ENCODING"),
    /** A {@code type} the job does not know, or none. */
    UNKNOWN_TYPE("UNKNOWN_TYPE");

    private final String expectedError;

    Malformation(String expectedError) {
        this.expectedError = expectedError;
    }

    /** The {@code errorType} the dead letter for such a record must carry. */
    public String expectedError() {
        return expectedError;
    }
}
