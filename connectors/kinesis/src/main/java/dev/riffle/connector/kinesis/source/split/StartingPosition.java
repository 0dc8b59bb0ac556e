package dev.riffle.connector.kinesis.source.split;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.Preconditions;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Where reading a shard starts. {@code LATEST} is never stored: the source resolves it once to
 * {@link #atTimestamp(Instant) AT_TIMESTAMP} of the job's start, so that a job that restarts before
 * its first checkpoint does not skip what arrived meanwhile.
 *
 * <p>A position inside a KPL aggregate is {@link #afterSubSequenceNumber(String, long)}: the user
 * records of that aggregate up to and including the sub-sequence number have been read.
 */
@PublicEvolving
public final class StartingPosition implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How the position is expressed; the ids are stable and stored in checkpoints. */
    public enum Type {
        TRIM_HORIZON(0),
        AT_TIMESTAMP(1),
        AT_SEQUENCE_NUMBER(2),
        AFTER_SEQUENCE_NUMBER(3);

        final int id;

        Type(int id) {
            this.id = id;
        }

        static Type ofId(int id) {
            for (Type t : values()) {
                if (t.id == id) {
                    return t;
                }
            }
            throw new IllegalArgumentException("Unknown starting position type id " + id);
        }
    }

    /** Sub-sequence number of a position that is not inside an aggregate. */
    public static final long NO_SUB_SEQUENCE = -1L;

    private final Type type;
    @Nullable private final String sequenceNumber;
    private final long subSequenceNumber;
    @Nullable private final Instant timestamp;

    private StartingPosition(
            Type type,
            @Nullable String sequenceNumber,
            long subSequenceNumber,
            @Nullable Instant timestamp) {
        this.type = type;
        this.sequenceNumber = sequenceNumber;
        this.subSequenceNumber = subSequenceNumber;
        this.timestamp = timestamp;
    }

    public static StartingPosition trimHorizon() {
        return new StartingPosition(Type.TRIM_HORIZON, null, NO_SUB_SEQUENCE, null);
    }

    public static StartingPosition atTimestamp(Instant timestamp) {
        Preconditions.checkNotNull(timestamp, "timestamp");
        return new StartingPosition(Type.AT_TIMESTAMP, null, NO_SUB_SEQUENCE, timestamp);
    }

    public static StartingPosition atSequenceNumber(String sequenceNumber) {
        checkSequenceNumber(sequenceNumber);
        return new StartingPosition(Type.AT_SEQUENCE_NUMBER, sequenceNumber, NO_SUB_SEQUENCE, null);
    }

    public static StartingPosition afterSequenceNumber(String sequenceNumber) {
        checkSequenceNumber(sequenceNumber);
        return new StartingPosition(
                Type.AFTER_SEQUENCE_NUMBER, sequenceNumber, NO_SUB_SEQUENCE, null);
    }

    /**
     * After the user record {@code subSequenceNumber} of the aggregate at {@code sequenceNumber}:
     * reading resumes inside that aggregate.
     */
    public static StartingPosition afterSubSequenceNumber(
            String sequenceNumber, long subSequenceNumber) {
        checkSequenceNumber(sequenceNumber);
        Preconditions.checkArgument(
                subSequenceNumber >= 0,
                "subSequenceNumber must be >= 0, was %s",
                subSequenceNumber);
        return new StartingPosition(
                Type.AFTER_SEQUENCE_NUMBER, sequenceNumber, subSequenceNumber, null);
    }

    static StartingPosition restore(
            Type type, @Nullable String seq, long sub, @Nullable Instant timestamp) {
        return new StartingPosition(type, seq, sub, timestamp);
    }

    private static void checkSequenceNumber(String sequenceNumber) {
        Preconditions.checkArgument(
                sequenceNumber != null && sequenceNumber.matches("\\d{1,128}"),
                "a sequence number is 1 to 128 digits, was '%s'",
                sequenceNumber);
    }

    public Type type() {
        return type;
    }

    @Nullable
    public String sequenceNumber() {
        return sequenceNumber;
    }

    /** {@link #NO_SUB_SEQUENCE} unless the position is inside an aggregate. */
    public long subSequenceNumber() {
        return subSequenceNumber;
    }

    /** True if reading resumes inside a KPL aggregate. */
    public boolean isInsideAggregate() {
        return type == Type.AFTER_SEQUENCE_NUMBER && subSequenceNumber != NO_SUB_SEQUENCE;
    }

    @Nullable
    public Instant timestamp() {
        return timestamp;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StartingPosition)) {
            return false;
        }
        StartingPosition that = (StartingPosition) o;
        return type == that.type
                && subSequenceNumber == that.subSequenceNumber
                && Objects.equals(sequenceNumber, that.sequenceNumber)
                && Objects.equals(timestamp, that.timestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, sequenceNumber, subSequenceNumber, timestamp);
    }

    @Override
    public String toString() {
        switch (type) {
            case AT_TIMESTAMP:
                return "AT_TIMESTAMP(" + timestamp + ")";
            case AT_SEQUENCE_NUMBER:
                return "AT_SEQUENCE_NUMBER(" + sequenceNumber + ")";
            case AFTER_SEQUENCE_NUMBER:
                return isInsideAggregate()
                        ? "AFTER_SEQUENCE_NUMBER(" + sequenceNumber + "/" + subSequenceNumber + ")"
                        : "AFTER_SEQUENCE_NUMBER(" + sequenceNumber + ")";
            default:
                return type.name();
        }
    }
}
