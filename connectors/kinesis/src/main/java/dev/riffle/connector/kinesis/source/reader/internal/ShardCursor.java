package dev.riffle.connector.kinesis.source.reader.internal;

import dev.riffle.connector.kinesis.source.metrics.ShardMetrics;
import dev.riffle.connector.kinesis.source.split.KinesisShardSplit;
import dev.riffle.connector.kinesis.source.split.StartingPosition;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.Record;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a split reader stands in one assigned shard, whichever way it reads (GetRecords or
 * SubscribeToShard): the position to read from next, when the shard is due, the attempts since the
 * last success, whether Flink paused it (watermark alignment), and its metrics. A reader's own
 * per-shard state (iterator, subscription) extends this.
 */
@Internal
public abstract class ShardCursor {
    private static final Logger LOG = LoggerFactory.getLogger(ShardCursor.class);

    public final String shardId;
    public final ShardMetrics metrics;

    /** Where reading (re)starts: the split's position, then after the last record read. */
    public StartingPosition position;

    public long dueNanos;
    public int attempts;
    public boolean paused;

    /** When resuming inside an aggregate: its user records up to this one were emitted. */
    private String skipSequenceNumber;

    private long skipSubSequenceNumber;

    protected ShardCursor(KinesisShardSplit split, ShardMetrics metrics, long dueNanos) {
        this.shardId = split.shardId();
        this.metrics = metrics;
        this.position = split.startingPosition();
        this.dueNanos = dueNanos;
        if (position.isInsideAggregate()) {
            skipSequenceNumber = position.sequenceNumber();
            skipSubSequenceNumber = position.subSequenceNumber();
        }
    }

    /**
     * Turns records read from this shard into user records: KPL aggregates split up, the user
     * records a restore inside an aggregate already emitted left out, corrupt aggregates counted
     * and logged (they go on, marked, to the deserialization schema's {@code deserializeCorrupt}).
     * Counts records, bytes (also in the reader's {@code numBytesIn}) and the shard's lag.
     */
    public Batch take(
            List<Record> read,
            Long millisBehindLatest,
            KplDeaggregator deaggregator,
            Counter numBytesIn) {
        List<FetchedRecord> records = new ArrayList<>(read.size());
        long bytes = 0;
        for (Record r : read) {
            bytes += r.data().asByteArrayUnsafe().length;
            deaggregator.deaggregate(r, records);
        }
        if (skipSequenceNumber != null && !records.isEmpty()) {
            records.removeIf(
                    r ->
                            r.sequenceNumber.equals(skipSequenceNumber)
                                    && r.subSequenceNumber >= 0
                                    && r.subSequenceNumber <= skipSubSequenceNumber);
            skipSequenceNumber = null;
        }
        for (FetchedRecord r : records) {
            if (r.isCorrupt()) {
                metrics.corruptAggregates().inc();
                LOG.warn(
                        "Corrupt KPL aggregate in shard {} at sequence number {}: {}. It goes to"
                                + " the deserialization schema's deserializeCorrupt.",
                        shardId,
                        r.sequenceNumber,
                        r.corruption());
            }
        }
        metrics.recordsRead().inc(records.size());
        metrics.bytesRead().inc(bytes);
        numBytesIn.inc(bytes);
        if (millisBehindLatest != null) {
            metrics.millisBehindLatest(millisBehindLatest);
        }
        return new Batch(records, bytes);
    }

    /** The user records of one read, and the bytes of the Kinesis records they came from. */
    public record Batch(List<FetchedRecord> records, long bytes) {}
}
