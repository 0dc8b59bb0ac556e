package dev.riffle.jobs.parquet.internal;

import org.apache.flink.annotation.Internal;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Tracks what a subtask has emitted but the lake has not committed yet, per checkpoint epoch: the
 * oldest arrival time (for data freshness) and the record and byte counts (delivered once their
 * checkpoint completes, because that is when the file sink commits their files).
 *
 * <p>Epoch = the records between two checkpoint barriers. {@link #onSnapshot} closes the current
 * epoch under the checkpoint's id; {@link #onCheckpointComplete} delivers every epoch up to that id
 * (a completed checkpoint subsumes earlier ones whose notification never came). Not thread-safe:
 * call from the task thread; {@link #freshnessMillis} is read by the metrics reporter and only
 * reads one volatile.
 */
@Internal
public final class CommitTracker {

    private static final long NONE = Long.MAX_VALUE;

    private final ArrayDeque<Epoch> closed = new ArrayDeque<>();
    private Epoch current = new Epoch();
    private volatile long oldestUncommitted = NONE;

    /** A record emitted now. */
    public void add(long arrivalMillis, long bytes, boolean data) {
        current.add(arrivalMillis, bytes, data);
        if (arrivalMillis < oldestUncommitted) {
            oldestUncommitted = arrivalMillis;
        }
    }

    /** The barrier of {@code checkpointId} passed: the records so far belong to it. */
    public void onSnapshot(long checkpointId) {
        if (current.records > 0 || current.errors > 0) {
            current.checkpointId = checkpointId;
            closed.addLast(current);
            current = new Epoch();
        }
    }

    /**
     * Delivers the epochs of checkpoints up to {@code checkpointId}; returns what was delivered.
     */
    public Epoch onCheckpointComplete(long checkpointId) {
        Epoch delivered = new Epoch();
        Iterator<Epoch> it = closed.iterator();
        while (it.hasNext()) {
            Epoch e = it.next();
            if (e.checkpointId > checkpointId) {
                break;
            }
            delivered.merge(e);
            it.remove();
        }
        recomputeOldest();
        return delivered;
    }

    private void recomputeOldest() {
        long oldest = current.oldestArrival;
        for (Epoch e : closed) {
            oldest = Math.min(oldest, e.oldestArrival);
        }
        oldestUncommitted = oldest;
    }

    /** Age of the oldest record not yet committed, 0 when everything is committed. */
    public long freshnessMillis(long nowMillis) {
        long oldest = oldestUncommitted;
        return oldest == NONE ? 0L : Math.max(0L, nowMillis - oldest);
    }

    /** Records and bytes of one epoch (or of several, merged). */
    public static final class Epoch {
        long checkpointId = Long.MAX_VALUE;
        long oldestArrival = NONE;
        public long records;
        public long bytes;
        public long errors;

        void add(long arrivalMillis, long bytes, boolean data) {
            oldestArrival = Math.min(oldestArrival, arrivalMillis);
            if (data) {
                this.records++;
                this.bytes += bytes;
            } else {
                this.errors++;
            }
        }

        void merge(Epoch other) {
            oldestArrival = Math.min(oldestArrival, other.oldestArrival);
            records += other.records;
            bytes += other.bytes;
            errors += other.errors;
        }
    }
}
