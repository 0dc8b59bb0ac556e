package dev.riffle.connector.kinesis.source.enumerator.assigner;

import dev.riffle.connector.kinesis.source.split.KinesisShardSplit;

import org.apache.flink.annotation.Internal;

/** The reader with the fewest shards; the lowest index on a tie. */
@Internal
public final class UniformShardAssigner implements ShardAssigner {
    private static final long serialVersionUID = 1L;

    @Override
    public int assign(KinesisShardSplit split, int[] assignedCounts) {
        int best = 0;
        for (int i = 1; i < assignedCounts.length; i++) {
            if (assignedCounts[i] < assignedCounts[best]) {
                best = i;
            }
        }
        return best;
    }
}
