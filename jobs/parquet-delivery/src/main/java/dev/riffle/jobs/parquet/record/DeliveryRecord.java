package dev.riffle.jobs.parquet.record;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record as the stream delivered it: the producer's bytes and where they came from. The job
 * converts {@link #data} to a Parquet row; everything else is kept for the error output (Firehose's
 * error records carry the sequence numbers and the arrival time) and for freshness.
 *
 * <p>A Flink POJO (public fields, no-argument constructor), so Flink serializes it without Kryo.
 */
@PublicEvolving
public class DeliveryRecord {
    /** Sub-sequence number of a record that was not KPL-aggregated. */
    public static final long NOT_AGGREGATED = -1L;

    /** The record's bytes, exactly as written by the producer. */
    public byte[] data;

    /** Stream name or ARN it was read from. */
    public String stream;

    /** Shard id, e.g. {@code shardId-000000000000}. */
    public String shardId;

    /** Kinesis sequence number (of the aggregate, for a KPL-aggregated record). */
    public String sequenceNumber;

    /** Index inside a KPL aggregate, or {@link #NOT_AGGREGATED}. */
    public long subSequenceNumber = NOT_AGGREGATED;

    /** The partition key the producer used. */
    public String partitionKey;

    /** When Kinesis accepted the record (approximate arrival timestamp), epoch milliseconds. */
    public long arrivalTimeMillis;

    public DeliveryRecord() {}

    public DeliveryRecord(
            byte[] data,
            String stream,
            String shardId,
            String sequenceNumber,
            long subSequenceNumber,
            String partitionKey,
            long arrivalTimeMillis) {
        this.data = data;
        this.stream = stream;
        this.shardId = shardId;
        this.sequenceNumber = sequenceNumber;
        this.subSequenceNumber = subSequenceNumber;
        this.partitionKey = partitionKey;
        this.arrivalTimeMillis = arrivalTimeMillis;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeliveryRecord)) {
            return false;
        }
        DeliveryRecord that = (DeliveryRecord) o;
        return subSequenceNumber == that.subSequenceNumber
                && arrivalTimeMillis == that.arrivalTimeMillis
                && Arrays.equals(data, that.data)
                && Objects.equals(stream, that.stream)
                && Objects.equals(shardId, that.shardId)
                && Objects.equals(sequenceNumber, that.sequenceNumber)
                && Objects.equals(partitionKey, that.partitionKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shardId, sequenceNumber, subSequenceNumber);
    }

    @Override
    public String toString() {
        return "DeliveryRecord{"
                + shardId
                + "/"
                + sequenceNumber
                + (subSequenceNumber == NOT_AGGREGATED ? "" : "/" + subSequenceNumber)
                + ", "
                + (data == null ? 0 : data.length)
                + " bytes}";
    }
}
