package dev.riffle.jobs.parquet;

import dev.riffle.jobs.parquet.record.DeliveryRecord;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A pass-through step that lets a test in the same JVM see how far the job got: records seen (over
 * all attempts) and checkpoints completed. The test uses it to kill TaskManagers mid-stream, after
 * a checkpoint, so recovery has committed files and open files to deal with.
 */
final class ProgressProbe
        implements MapFunction<DeliveryRecord, DeliveryRecord>, CheckpointListener {
    private static final long serialVersionUID = 1L;

    static final AtomicLong RECORDS = new AtomicLong();
    static final AtomicLong CHECKPOINTS = new AtomicLong();

    static void reset() {
        RECORDS.set(0);
        CHECKPOINTS.set(0);
    }

    @Override
    public DeliveryRecord map(DeliveryRecord value) {
        RECORDS.incrementAndGet();
        return value;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        CHECKPOINTS.incrementAndGet();
    }
}
