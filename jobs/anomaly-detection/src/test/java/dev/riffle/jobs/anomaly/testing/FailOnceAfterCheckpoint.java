package dev.riffle.jobs.anomaly.testing;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes records through and fails the job once: at the first record after {@code minRecords}
 * records that follows a completed checkpoint. The job then restarts from that checkpoint, so the
 * operators downstream restore their state mid-stream. Static flags: MiniCluster tasks share the
 * test's JVM; {@link #reset()} before each job.
 */
public final class FailOnceAfterCheckpoint<T> implements MapFunction<T, T>, CheckpointListener {
    private static final long serialVersionUID = 1L;
    private static final AtomicBoolean FAILED = new AtomicBoolean();
    private static final AtomicInteger COMPLETED_CHECKPOINTS = new AtomicInteger();

    private final long minRecords;
    private long seen;

    public FailOnceAfterCheckpoint(long minRecords) {
        this.minRecords = minRecords;
    }

    public static void reset() {
        FAILED.set(false);
        COMPLETED_CHECKPOINTS.set(0);
    }

    /** Whether the injected failure happened (a test that expected one must check it did). */
    public static boolean failed() {
        return FAILED.get();
    }

    @Override
    public T map(T value) {
        seen++;
        if (seen > minRecords
                && COMPLETED_CHECKPOINTS.get() > 0
                && FAILED.compareAndSet(false, true)) {
            throw new IllegalStateException("Injected failure after record " + seen);
        }
        return value;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        COMPLETED_CHECKPOINTS.incrementAndGet();
    }
}
