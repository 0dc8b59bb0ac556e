package dev.riffle.connector.kinesis.source.reader.internal;

import org.apache.flink.annotation.Internal;

import javax.annotation.Nullable;

import java.time.Instant;

/**
 * A user record handed from the fetcher thread to the task thread: one Kinesis record, or one user
 * record of a KPL aggregate, or a corrupt aggregate ({@link #corruption()} set, {@code data} the
 * raw record).
 */
@Internal
public final class FetchedRecord {
    public final byte[] data;
    public final String partitionKey;
    @Nullable public final String explicitHashKey;
    public final String sequenceNumber;

    /** -1 for a record that is not aggregated. */
    public final long subSequenceNumber;

    /** True for a plain record and for the last user record of an aggregate. */
    public final boolean lastOfSequenceNumber;

    public final Instant arrival;
    @Nullable private final String corruption;

    public FetchedRecord(
            byte[] data,
            String partitionKey,
            @Nullable String explicitHashKey,
            String sequenceNumber,
            long subSequenceNumber,
            boolean lastOfSequenceNumber,
            Instant arrival,
            @Nullable String corruption) {
        this.data = data;
        this.partitionKey = partitionKey;
        this.explicitHashKey = explicitHashKey;
        this.sequenceNumber = sequenceNumber;
        this.subSequenceNumber = subSequenceNumber;
        this.lastOfSequenceNumber = lastOfSequenceNumber;
        this.arrival = arrival;
        this.corruption = corruption;
    }

    @Nullable
    public String corruption() {
        return corruption;
    }

    public boolean isCorrupt() {
        return corruption != null;
    }
}
