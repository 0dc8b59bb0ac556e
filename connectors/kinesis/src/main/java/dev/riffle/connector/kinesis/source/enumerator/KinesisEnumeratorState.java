package dev.riffle.connector.kinesis.source.enumerator;

import dev.riffle.connector.kinesis.source.enumerator.tracker.ShardEntry;

import org.apache.flink.annotation.Internal;

import java.util.List;
import java.util.Objects;

/**
 * The enumerator's checkpoint: every known shard with its status, and whether the first discovery
 * (which uses the configured start position) has happened.
 */
@Internal
public final class KinesisEnumeratorState {
    private final List<ShardEntry> shards;
    private final boolean initialDiscoveryDone;

    public KinesisEnumeratorState(List<ShardEntry> shards, boolean initialDiscoveryDone) {
        this.shards = List.copyOf(shards);
        this.initialDiscoveryDone = initialDiscoveryDone;
    }

    public List<ShardEntry> shards() {
        return shards;
    }

    public boolean initialDiscoveryDone() {
        return initialDiscoveryDone;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KinesisEnumeratorState)) {
            return false;
        }
        KinesisEnumeratorState that = (KinesisEnumeratorState) o;
        return initialDiscoveryDone == that.initialDiscoveryDone && shards.equals(that.shards);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shards, initialDiscoveryDone);
    }

    @Override
    public String toString() {
        return "KinesisEnumeratorState{"
                + shards
                + ", initialDiscoveryDone="
                + initialDiscoveryDone
                + '}';
    }
}
