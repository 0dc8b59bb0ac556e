package dev.riffle.connector.kinesis.source.split;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.util.Preconditions;

import javax.annotation.Nullable;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One shard of the stream and where to read it from. The split id is the shard id (a source reads
 * one stream).
 *
 * <p>{@link #isFinished() Finished} splits appear only in a reader's checkpoint: a reader keeps a
 * shard it has read to the end in its state until the enumerator has acknowledged the end, so a
 * restore from a checkpoint taken in between still tells the enumerator (FLINK-37627).
 */
@Internal
public final class KinesisShardSplit implements SourceSplit {

    private final String streamArn;
    private final String shardId;
    private final StartingPosition startingPosition;
    private final Set<String> parentShardIds;
    @Nullable private final String startingHashKey;
    @Nullable private final String endingHashKey;
    private final boolean finished;

    public KinesisShardSplit(
            String streamArn,
            String shardId,
            StartingPosition startingPosition,
            Set<String> parentShardIds,
            @Nullable String startingHashKey,
            @Nullable String endingHashKey,
            boolean finished) {
        this.streamArn = Preconditions.checkNotNull(streamArn, "streamArn");
        this.shardId = Preconditions.checkNotNull(shardId, "shardId");
        this.startingPosition = Preconditions.checkNotNull(startingPosition, "startingPosition");
        this.parentShardIds = Collections.unmodifiableSet(new TreeSet<>(parentShardIds));
        this.startingHashKey = startingHashKey;
        this.endingHashKey = endingHashKey;
        this.finished = finished;
    }

    @Override
    public String splitId() {
        return shardId;
    }

    public String streamArn() {
        return streamArn;
    }

    public String shardId() {
        return shardId;
    }

    public StartingPosition startingPosition() {
        return startingPosition;
    }

    public Set<String> parentShardIds() {
        return parentShardIds;
    }

    @Nullable
    public String startingHashKey() {
        return startingHashKey;
    }

    @Nullable
    public String endingHashKey() {
        return endingHashKey;
    }

    public boolean isFinished() {
        return finished;
    }

    public KinesisShardSplit withStartingPosition(StartingPosition position) {
        return new KinesisShardSplit(
                streamArn,
                shardId,
                position,
                parentShardIds,
                startingHashKey,
                endingHashKey,
                finished);
    }

    public KinesisShardSplit asFinished() {
        return new KinesisShardSplit(
                streamArn,
                shardId,
                startingPosition,
                parentShardIds,
                startingHashKey,
                endingHashKey,
                true);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KinesisShardSplit)) {
            return false;
        }
        KinesisShardSplit that = (KinesisShardSplit) o;
        return finished == that.finished
                && streamArn.equals(that.streamArn)
                && shardId.equals(that.shardId)
                && startingPosition.equals(that.startingPosition)
                && parentShardIds.equals(that.parentShardIds)
                && Objects.equals(startingHashKey, that.startingHashKey)
                && Objects.equals(endingHashKey, that.endingHashKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamArn, shardId, startingPosition, parentShardIds, finished);
    }

    @Override
    public String toString() {
        return "KinesisShardSplit{"
                + shardId
                + " of "
                + streamArn
                + ", from "
                + startingPosition
                + (parentShardIds.isEmpty() ? "" : ", parents " + parentShardIds)
                + (finished ? ", finished" : "")
                + '}';
    }
}
