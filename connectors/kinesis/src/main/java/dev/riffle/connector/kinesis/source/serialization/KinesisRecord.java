package dev.riffle.connector.kinesis.source.serialization;

import org.apache.flink.annotation.PublicEvolving;

import javax.annotation.Nullable;

import java.time.Instant;

/**
 * One user record as the deserialization schema sees it: the payload and where it came from. For a
 * record that the KPL aggregated, {@link #subSequenceNumber()} is its index inside the aggregate,
 * and the sequence number is the aggregate's.
 *
 * <p>The data array is not copied: the schema may keep it.
 */
@PublicEvolving
public final class KinesisRecord {
    /** Sub-sequence number of a record that was not aggregated. */
    public static final long NOT_AGGREGATED = -1L;

    private final byte[] data;
    private final String partitionKey;
    @Nullable private final String explicitHashKey;
    private final String sequenceNumber;
    private final long subSequenceNumber;
    private final String shardId;
    private final String streamArn;
    private final Instant approximateArrivalTimestamp;

    public KinesisRecord(
            byte[] data,
            String partitionKey,
            @Nullable String explicitHashKey,
            String sequenceNumber,
            long subSequenceNumber,
            String shardId,
            String streamArn,
            Instant approximateArrivalTimestamp) {
        this.data = data;
        this.partitionKey = partitionKey;
        this.explicitHashKey = explicitHashKey;
        this.sequenceNumber = sequenceNumber;
        this.subSequenceNumber = subSequenceNumber;
        this.shardId = shardId;
        this.streamArn = streamArn;
        this.approximateArrivalTimestamp = approximateArrivalTimestamp;
    }

    public byte[] data() {
        return data;
    }

    public String partitionKey() {
        return partitionKey;
    }

    /** The explicit hash key of an aggregated user record, if the producer set one. */
    @Nullable
    public String explicitHashKey() {
        return explicitHashKey;
    }

    public String sequenceNumber() {
        return sequenceNumber;
    }

    /** Index inside a KPL aggregate, or {@link #NOT_AGGREGATED}. */
    public long subSequenceNumber() {
        return subSequenceNumber;
    }

    public boolean isAggregated() {
        return subSequenceNumber != NOT_AGGREGATED;
    }

    public String shardId() {
        return shardId;
    }

    public String streamArn() {
        return streamArn;
    }

    /** When Kinesis accepted the (aggregate) record; the default event time. */
    public Instant approximateArrivalTimestamp() {
        return approximateArrivalTimestamp;
    }

    @Override
    public String toString() {
        return "KinesisRecord{"
                + shardId
                + "/"
                + sequenceNumber
                + (isAggregated() ? "/" + subSequenceNumber : "")
                + ", partitionKey="
                + partitionKey
                + ", "
                + data.length
                + " bytes}";
    }
}
