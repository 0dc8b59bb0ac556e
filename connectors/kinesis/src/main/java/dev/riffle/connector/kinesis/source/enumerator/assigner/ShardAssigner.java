package dev.riffle.connector.kinesis.source.enumerator.assigner;

import dev.riffle.connector.kinesis.source.config.KinesisSourceOptions.ShardAssignerType;
import dev.riffle.connector.kinesis.source.split.KinesisShardSplit;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;

/** Chooses the reader (subtask index) for a shard. Must be deterministic. */
@Internal
public interface ShardAssigner extends Serializable {

    /**
     * @param assignedCounts shards currently assigned per reader, including those chosen earlier in
     *     the same round
     */
    int assign(KinesisShardSplit split, int[] assignedCounts);

    static ShardAssigner of(ShardAssignerType type) {
        return type == ShardAssignerType.HASH
                ? new HashShardAssigner()
                : new UniformShardAssigner();
    }
}
