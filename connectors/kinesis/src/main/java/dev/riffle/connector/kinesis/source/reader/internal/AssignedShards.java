package dev.riffle.connector.kinesis.source.reader.internal;

import dev.riffle.connector.kinesis.source.metrics.ShardMetrics;
import dev.riffle.connector.kinesis.source.split.KinesisShardSplit;

import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The shards a split reader has been assigned and not finished, in assignment order, each with its
 * cursor; also the metrics of every shard it has read (kept after the shard finishes).
 */
@Internal
public final class AssignedShards<C extends ShardCursor> {
    private final SourceReaderMetricGroup metricGroup;
    private final BiFunction<KinesisShardSplit, ShardMetrics, C> newCursor;
    private final Map<String, C> cursors = new LinkedHashMap<>();
    private final Map<String, ShardMetrics> metricsByShard = new LinkedHashMap<>();

    public AssignedShards(
            SourceReaderMetricGroup metricGroup,
            BiFunction<KinesisShardSplit, ShardMetrics, C> newCursor) {
        this.metricGroup = metricGroup;
        this.newCursor = newCursor;
    }

    /** Adds the splits of a {@link SplitsAddition}; returns them. Other changes are refused. */
    public List<KinesisShardSplit> add(SplitsChange<KinesisShardSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException(
                    "Unsupported split change " + change.getClass().getName());
        }
        for (KinesisShardSplit split : change.splits()) {
            ShardMetrics metrics =
                    new ShardMetrics(metricGroup, split.streamArn(), split.shardId());
            metricsByShard.put(split.shardId(), metrics);
            cursors.put(split.shardId(), newCursor.apply(split, metrics));
        }
        return change.splits();
    }

    /** Flink's watermark alignment: paused shards are not read until resumed. */
    public void pauseOrResume(
            Collection<KinesisShardSplit> toPause, Collection<KinesisShardSplit> toResume) {
        toPause.forEach(s -> setPaused(s.shardId(), true));
        toResume.forEach(s -> setPaused(s.shardId(), false));
    }

    private void setPaused(String shardId, boolean paused) {
        C cursor = cursors.get(shardId);
        if (cursor != null) {
            cursor.paused = paused;
        }
    }

    public boolean isEmpty() {
        return cursors.isEmpty();
    }

    public boolean contains(String shardId) {
        return cursors.containsKey(shardId);
    }

    /** The cursors, in assignment order. */
    public Collection<C> cursors() {
        return cursors.values();
    }

    /** A copy of the cursors, for loops that may finish (remove) shards. */
    public List<C> snapshot() {
        return new ArrayList<>(cursors.values());
    }

    /** A shard read to its end or gone: no longer read. */
    public void finish(String shardId) {
        cursors.remove(shardId);
    }

    public ShardMetrics metrics(String shardId) {
        return metricsByShard.get(shardId);
    }
}
