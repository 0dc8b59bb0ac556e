package dev.riffle.common.deadletter;

import dev.riffle.common.event.RawRecord;

import org.apache.flink.annotation.PublicEvolving;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The one envelope every Riffle job uses for a record it could not process: why (error type and
 * message), the record's bytes, and where it came from, so it can be found, inspected and replayed.
 * Its JSON form is {@link DeadLetterJson} (stable, versioned; see README "Dead letters").
 *
 * <p>Records larger than a job's limit are kept truncated ({@link #rawTruncated}), with their full
 * size in {@link #rawSize}, so that a dead letter always fits into a stream record.
 */
@PublicEvolving
public class DeadLetter {
    /** Version of the envelope format; bumped on incompatible changes. */
    public static final int FORMAT_VERSION = 1;

    /** An {@link ErrorType} name (kept as a string so new types do not break consumers). */
    public String errorType;

    /** What was wrong, for a person: names the field and the problem. */
    public String errorMessage;

    /** The record's bytes (possibly truncated, see {@link #rawTruncated}). */
    public byte[] raw;

    /** Size in bytes of the original record. */
    public int rawSize;

    /** Whether {@link #raw} holds only the first bytes of the record. */
    public boolean rawTruncated;

    public String sourceStream;
    public String shardId;
    public String sequenceNumber;
    public String partitionKey;

    /** When the source stream accepted the record; {@code null} if unknown. */
    public Instant arrivalTime;

    /** When the job rejected it. */
    public Instant failedAt;

    /** Which job rejected it, e.g. {@code riffle-ingestion}. */
    public String jobName;

    public DeadLetter() {}

    /**
     * A dead letter for {@code record}, keeping at most {@code maxRawBytes} of its bytes.
     *
     * @param failedAt when the job rejected it
     */
    public static DeadLetter of(
            RawRecord record,
            ErrorType errorType,
            String errorMessage,
            String jobName,
            Instant failedAt,
            int maxRawBytes) {
        DeadLetter d = new DeadLetter();
        d.errorType = errorType.name();
        d.errorMessage = errorMessage;
        byte[] data = record.data == null ? new byte[0] : record.data;
        d.rawSize = data.length;
        d.rawTruncated = data.length > maxRawBytes;
        d.raw = d.rawTruncated ? Arrays.copyOf(data, maxRawBytes) : data;
        d.sourceStream = record.stream;
        d.shardId = record.shardId;
        d.sequenceNumber = record.sequenceNumber;
        d.partitionKey = record.partitionKey;
        d.arrivalTime =
                record.arrivalTimeMillis > 0
                        ? Instant.ofEpochMilli(record.arrivalTimeMillis)
                        : null;
        d.failedAt = failedAt;
        d.jobName = jobName;
        return d;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeadLetter)) {
            return false;
        }
        DeadLetter d = (DeadLetter) o;
        return rawSize == d.rawSize
                && rawTruncated == d.rawTruncated
                && Objects.equals(errorType, d.errorType)
                && Objects.equals(errorMessage, d.errorMessage)
                && Arrays.equals(raw, d.raw)
                && Objects.equals(sourceStream, d.sourceStream)
                && Objects.equals(shardId, d.shardId)
                && Objects.equals(sequenceNumber, d.sequenceNumber)
                && Objects.equals(partitionKey, d.partitionKey)
                && Objects.equals(arrivalTime, d.arrivalTime)
                && Objects.equals(failedAt, d.failedAt)
                && Objects.equals(jobName, d.jobName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(errorType, sourceStream, shardId, sequenceNumber);
    }

    @Override
    public String toString() {
        return "DeadLetter{"
                + errorType
                + ": "
                + errorMessage
                + ", stream="
                + sourceStream
                + ", shardId="
                + shardId
                + ", sequenceNumber="
                + sequenceNumber
                + ", rawSize="
                + rawSize
                + '}';
    }
}
