package dev.riffle.connector.kinesis.source.enumerator.assigner;

import dev.riffle.connector.kinesis.source.split.KinesisShardSplit;

import org.apache.flink.annotation.Internal;

/**
 * By the shard id's hash: at a given parallelism a shard always goes to the same reader index,
 * whatever the order of discovery.
 */
@Internal
public final class HashShardAssigner implements ShardAssigner {
    private static final long serialVersionUID = 1L;

    @Override
    public int assign(KinesisShardSplit split, int[] assignedCounts) {
        return Math.floorMod(split.shardId().hashCode(), assignedCounts.length);
    }
}
