package dev.riffle.common.event;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record as it arrived on a stream, before anything was made of its bytes: the payload and
 * where it came from. Jobs turn a source's records into these so that anything they reject can be
 * traced back (see {@link dev.riffle.common.deadletter.DeadLetter}).
 *
 * <p>A Flink POJO: public fields and a no-argument constructor, so Flink serializes it without
 * Kryo.
 */
@PublicEvolving
public class RawRecord {
    /** The record's bytes, exactly as written by the producer. */
    public byte[] data;

    /** Stream name (or ARN) it was read from; {@code null} if not from a stream. */
    public String stream;

    /** Shard id, e.g. {@code shardId-000000000000}. */
    public String shardId;

    /** Kinesis sequence number within the shard. */
    public String sequenceNumber;

    /** The partition key the producer used. */
    public String partitionKey;

    /** When the stream accepted the record (approximate arrival), epoch milliseconds. */
    public long arrivalTimeMillis;

    /**
     * Set by the source when the record could not even be unpacked (a KPL aggregate with a bad
     * checksum or a truncated body): why. {@code null} for every normal record.
     */
    public String sourceError;

    public RawRecord() {}

    public RawRecord(
            byte[] data,
            String stream,
            String shardId,
            String sequenceNumber,
            String partitionKey,
            long arrivalTimeMillis) {
        this.data = data;
        this.stream = stream;
        this.shardId = shardId;
        this.sequenceNumber = sequenceNumber;
        this.partitionKey = partitionKey;
        this.arrivalTimeMillis = arrivalTimeMillis;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RawRecord)) {
            return false;
        }
        RawRecord that = (RawRecord) o;
        return arrivalTimeMillis == that.arrivalTimeMillis
                && Arrays.equals(data, that.data)
                && Objects.equals(stream, that.stream)
                && Objects.equals(shardId, that.shardId)
                && Objects.equals(sequenceNumber, that.sequenceNumber)
                && Objects.equals(partitionKey, that.partitionKey)
                && Objects.equals(sourceError, that.sourceError);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, shardId, sequenceNumber, partitionKey, arrivalTimeMillis) * 31
                + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "RawRecord{stream="
                + stream
                + ", shardId="
                + shardId
                + ", sequenceNumber="
                + sequenceNumber
                + ", partitionKey="
                + partitionKey
                + ", bytes="
                + (data == null ? 0 : data.length)
                + '}';
    }
}
