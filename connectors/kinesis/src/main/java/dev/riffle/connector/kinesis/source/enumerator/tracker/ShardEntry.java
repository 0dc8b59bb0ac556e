package dev.riffle.connector.kinesis.source.enumerator.tracker;

import dev.riffle.connector.kinesis.source.split.KinesisShardSplit;

import org.apache.flink.annotation.Internal;

import java.util.Objects;

/** A shard as the enumerator tracks it: its split, status, and the reader that has it. */
@Internal
public final class ShardEntry {
    /** Owner of a shard that no reader holds, or whose reader is unknown. */
    public static final int NO_OWNER = -1;

    private final KinesisShardSplit split;
    private final ShardStatus status;
    private final int owner;

    public ShardEntry(KinesisShardSplit split, ShardStatus status, int owner) {
        this.split = split;
        this.status = status;
        this.owner = owner;
    }

    public KinesisShardSplit split() {
        return split;
    }

    public String shardId() {
        return split.shardId();
    }

    public ShardStatus status() {
        return status;
    }

    public int owner() {
        return owner;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ShardEntry)) {
            return false;
        }
        ShardEntry that = (ShardEntry) o;
        return owner == that.owner && status == that.status && split.equals(that.split);
    }

    @Override
    public int hashCode() {
        return Objects.hash(split, status, owner);
    }

    @Override
    public String toString() {
        return split.shardId() + ":" + status + (owner == NO_OWNER ? "" : "@" + owner);
    }
}
