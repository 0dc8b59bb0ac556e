package dev.riffle.testdata;

import java.time.Instant;

/**
 * One record the generator produced, with what it is: the bytes and partition key to write, and the
 * truth a test checks the job against.
 */
public final class GeneratedRecord {
    private final byte[] data;
    private final String partitionKey;
    private final RecordKind kind;
    private final String eventId;
    private final Malformation malformation;
    private final Instant eventTime;

    GeneratedRecord(
            byte[] data,
            String partitionKey,
            RecordKind kind,
            String eventId,
            Malformation malformation,
            Instant eventTime) {
        this.data = data;
        this.partitionKey = partitionKey;
        this.kind = kind;
        this.eventId = eventId;
        this.malformation = malformation;
        this.eventTime = eventTime;
    }

    /** The record's bytes, as a producer would write them. */
    public byte[] data() {
        return data;
    }

    /** The Kinesis partition key: the user (or device) id, so order per user is kept. */
    public String partitionKey() {
        return partitionKey;
    }

    public RecordKind kind() {
        return kind;
    }

    /** The event's id; {@code null} for malformed records. */
    public String eventId() {
        return eventId;
    }

    /** How the record is broken; {@code null} unless {@link RecordKind#MALFORMED}. */
    public Malformation malformation() {
        return malformation;
    }

    /** The dead-letter error type this record must get; {@code null} unless malformed. */
    public String expectedError() {
        return malformation == null ? null : malformation.expectedError();
    }

    /**
     * The simulated time the record is written at: the event's timestamp for valid and internal
     * records; for a duplicate, later than its original's timestamp.
     */
    public Instant eventTime() {
        return eventTime;
    }

    @Override
    public String toString() {
        return kind
                + (malformation != null ? "(" + malformation + ")" : "")
                + " "
                + partitionKey
                + " "
                + eventId
                + " @"
                + eventTime;
    }
}
