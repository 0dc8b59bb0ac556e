package dev.riffle.connector.kinesis.source.split.internal;

import dev.riffle.connector.kinesis.source.split.KinesisShardSplit;
import dev.riffle.connector.kinesis.source.split.StartingPosition;

import org.apache.flink.annotation.Internal;

/**
 * The reading progress of a split inside the reader: after which (sub-)sequence number the next
 * record comes. Only the task thread touches it; the position object is built at checkpoints only,
 * not per record.
 */
@Internal
public final class KinesisShardSplitState {
    private final KinesisShardSplit split;
    private String lastSequenceNumber;
    private long lastSubSequenceNumber;
    private boolean lastWasWholeRecord;

    public KinesisShardSplitState(KinesisShardSplit split) {
        this.split = split;
    }

    /**
     * Records that the user record at ({@code sequenceNumber}, {@code subSequenceNumber}) has been
     * handed to the job; {@code whole} if nothing of that Kinesis record remains.
     */
    public void advance(String sequenceNumber, long subSequenceNumber, boolean whole) {
        this.lastSequenceNumber = sequenceNumber;
        this.lastSubSequenceNumber = subSequenceNumber;
        this.lastWasWholeRecord = whole;
    }

    public KinesisShardSplit split() {
        return split;
    }

    public StartingPosition nextPosition() {
        if (lastSequenceNumber == null) {
            return split.startingPosition();
        }
        return lastWasWholeRecord
                ? StartingPosition.afterSequenceNumber(lastSequenceNumber)
                : StartingPosition.afterSubSequenceNumber(
                        lastSequenceNumber, lastSubSequenceNumber);
    }

    public KinesisShardSplit toSplit() {
        return split.withStartingPosition(nextPosition());
    }
}
