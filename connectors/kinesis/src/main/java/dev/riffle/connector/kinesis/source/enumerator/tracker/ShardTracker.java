package dev.riffle.connector.kinesis.source.enumerator.tracker;

import dev.riffle.connector.kinesis.source.split.KinesisShardSplit;
import dev.riffle.connector.kinesis.source.split.StartingPosition;

import org.apache.flink.annotation.Internal;

import software.amazon.awssdk.services.kinesis.model.Shard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Every shard the enumerator knows, with its status, and the rule that keeps order per partition
 * key across a split or merge: a shard is ready for a reader only when each of its parents is
 * finished (or no longer exists in the stream, being past retention).
 *
 * <p>Finished shards stay here, and so in every enumerator checkpoint, for as long as the stream
 * still lists them; otherwise a later discovery would take them for new shards and read them again.
 * Only the coordinator thread uses it.
 */
@Internal
public final class ShardTracker {

    private final Map<String, ShardEntry> shards = new TreeMap<>();

    public ShardTracker() {}

    public ShardTracker(Collection<ShardEntry> restored) {
        restored.forEach(e -> shards.put(e.shardId(), e));
    }

    /**
     * Adds the listed shards that are new, starting at {@code positionOf(shardId)}, and forgets
     * finished shards that are no longer listed. Returns the ids added.
     */
    public List<String> update(
            String streamArn, List<Shard> listed, Function<String, StartingPosition> positionOf) {
        Set<String> listedIds = new HashSet<>();
        List<String> added = new ArrayList<>();
        for (Shard shard : listed) {
            listedIds.add(shard.shardId());
            if (shards.containsKey(shard.shardId())) {
                continue;
            }
            Set<String> parents = new HashSet<>();
            if (shard.parentShardId() != null) {
                parents.add(shard.parentShardId());
            }
            if (shard.adjacentParentShardId() != null) {
                parents.add(shard.adjacentParentShardId());
            }
            KinesisShardSplit split =
                    new KinesisShardSplit(
                            streamArn,
                            shard.shardId(),
                            positionOf.apply(shard.shardId()),
                            parents,
                            shard.hashKeyRange() == null
                                    ? null
                                    : shard.hashKeyRange().startingHashKey(),
                            shard.hashKeyRange() == null
                                    ? null
                                    : shard.hashKeyRange().endingHashKey(),
                            false);
            shards.put(
                    shard.shardId(),
                    new ShardEntry(split, ShardStatus.UNASSIGNED, ShardEntry.NO_OWNER));
            added.add(shard.shardId());
        }
        if (!listed.isEmpty()) {
            shards.values()
                    .removeIf(
                            e ->
                                    e.status() == ShardStatus.FINISHED
                                            && !listedIds.contains(e.shardId()));
        }
        return added;
    }

    /** Unassigned shards whose parents are all done, in shard id order. */
    public List<KinesisShardSplit> readyToAssign() {
        List<KinesisShardSplit> ready = new ArrayList<>();
        for (ShardEntry e : shards.values()) {
            if (e.status() == ShardStatus.UNASSIGNED && parentsDone(e.split())) {
                ready.add(e.split());
            }
        }
        return ready;
    }

    private boolean parentsDone(KinesisShardSplit split) {
        for (String parent : split.parentShardIds()) {
            ShardEntry p = shards.get(parent);
            if (p != null && p.status() != ShardStatus.FINISHED) {
                return false;
            }
        }
        return true;
    }

    public void markAssigned(String shardId, int subtask) {
        ShardEntry e = require(shardId);
        shards.put(shardId, new ShardEntry(e.split(), ShardStatus.ASSIGNED, subtask));
    }

    /** Returns false if the shard was already finished or unknown (a repeated report). */
    public boolean markFinished(String shardId) {
        ShardEntry e = shards.get(shardId);
        if (e == null || e.status() == ShardStatus.FINISHED) {
            return false;
        }
        shards.put(shardId, new ShardEntry(e.split(), ShardStatus.FINISHED, ShardEntry.NO_OWNER));
        return true;
    }

    /** A split handed back by a failed reader: assign it again from its position. */
    public void markUnassigned(KinesisShardSplit split) {
        ShardEntry e = shards.get(split.shardId());
        if (e != null && e.status() == ShardStatus.FINISHED) {
            return;
        }
        shards.put(
                split.shardId(),
                new ShardEntry(split, ShardStatus.UNASSIGNED, ShardEntry.NO_OWNER));
    }

    /** Number of assigned shards per reader index (of those whose owner is known). */
    public int[] assignedCounts(int parallelism) {
        int[] counts = new int[parallelism];
        for (ShardEntry e : shards.values()) {
            if (e.status() == ShardStatus.ASSIGNED && e.owner() >= 0 && e.owner() < parallelism) {
                counts[e.owner()]++;
            }
        }
        return counts;
    }

    public ShardEntry get(String shardId) {
        return shards.get(shardId);
    }

    public List<ShardEntry> snapshot() {
        return List.copyOf(shards.values());
    }

    private ShardEntry require(String shardId) {
        ShardEntry e = shards.get(shardId);
        if (e == null) {
            throw new IllegalStateException("Unknown shard " + shardId);
        }
        return e;
    }
}
