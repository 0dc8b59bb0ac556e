package dev.riffle.jobs.parquet.sink;

import org.apache.flink.annotation.Internal;
import org.apache.flink.streaming.api.functions.sink.filesystem.PartFileInfo;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.CheckpointRollingPolicy;

import java.io.IOException;

/**
 * Rolls part files at every checkpoint (what makes bulk formats exactly-once, and what makes rows
 * visible one checkpoint after they arrive), and also when a file grows past a size or has seen no
 * row for a while.
 *
 * <p>For Parquet the size is what has been written to the file so far: rows buffered in the open
 * row group count only once the row group is flushed, so set the row group size below the file size
 * for the size limit to act between checkpoints.
 *
 * <p>The size is read every {@value #SIZE_CHECK_EVERY} records of a writer (and at every bucket
 * check interval), not per record: on a local filesystem reading it is a system call, and it only
 * changes when a row group is flushed anyway. A file that crosses the limit takes at most that many
 * more rows before it is rolled.
 */
@Internal
public final class DeliveryRollingPolicy<IN, BucketID>
        extends CheckpointRollingPolicy<IN, BucketID> {
    private static final long serialVersionUID = 1L;

    /** Records between two size checks (odd, so no round-robin of buckets always misses one). */
    static final int SIZE_CHECK_EVERY = 1021;

    private final long maxPartSizeBytes;
    private final long inactivityIntervalMillis;
    private transient int untilSizeCheck;

    public DeliveryRollingPolicy(long maxPartSizeBytes, long inactivityIntervalMillis) {
        this.maxPartSizeBytes = maxPartSizeBytes;
        this.inactivityIntervalMillis = inactivityIntervalMillis;
    }

    @Override
    public boolean shouldRollOnEvent(PartFileInfo<BucketID> partFileState, IN element)
            throws IOException {
        if (--untilSizeCheck > 0) {
            return false;
        }
        untilSizeCheck = SIZE_CHECK_EVERY;
        return partFileState.getSize() >= maxPartSizeBytes;
    }

    @Override
    public boolean shouldRollOnProcessingTime(
            PartFileInfo<BucketID> partFileState, long currentTime) throws IOException {
        return currentTime - partFileState.getLastUpdateTime() >= inactivityIntervalMillis
                || partFileState.getSize() >= maxPartSizeBytes;
    }
}
