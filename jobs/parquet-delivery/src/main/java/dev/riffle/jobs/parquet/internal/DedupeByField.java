package dev.riffle.jobs.parquet.internal;

import dev.riffle.jobs.parquet.record.DeliveryRecord;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.Preconditions;

/**
 * Drops a record whose id (the key, from {@link DedupeKey}) was already let through within the
 * window (processing time, from the first sighting). Records without an id pass unchanged and leave
 * no state.
 *
 * <p>Keyed by the id itself, so the state per key is one {@link ValueState}, {@code first-seen}
 * (when the id was let through), and one processing-time timer at the end of its window that clears
 * it. Per key the state is at most one value and one timer; a key whose window is over holds
 * nothing. The state is checkpointed with the file sink's, so after a restore the ids the lake
 * committed are remembered and the replayed records among them are dropped again.
 *
 * <p>Metric: {@code duplicatesDropped}.
 */
@Internal
public final class DedupeByField
        extends KeyedProcessFunction<String, DeliveryRecord, DeliveryRecord> {
    private static final long serialVersionUID = 1L;

    /** State name; part of the savepoint contract together with the operator uid. */
    static final String FIRST_SEEN_STATE = "first-seen";

    private final long windowMillis;

    private transient ValueState<Long> firstSeen;
    private transient Counter duplicatesDropped;

    public DedupeByField(long windowMillis) {
        Preconditions.checkArgument(windowMillis > 0, "window must be > 0, got %s", windowMillis);
        this.windowMillis = windowMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        firstSeen =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>(FIRST_SEEN_STATE, Types.LONG));
        duplicatesDropped = getRuntimeContext().getMetricGroup().counter("duplicatesDropped");
    }

    @Override
    public void processElement(DeliveryRecord record, Context ctx, Collector<DeliveryRecord> out)
            throws Exception {
        if (ctx.getCurrentKey().charAt(0) != DedupeKey.ID) {
            out.collect(record);
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        Long seen = firstSeen.value();
        if (seen != null && now - seen < windowMillis) {
            duplicatesDropped.inc();
            return;
        }
        if (seen != null) {
            // The window is over but its timer has not fired yet: this sighting starts a new one.
            ctx.timerService().deleteProcessingTimeTimer(seen + windowMillis);
        }
        firstSeen.update(now);
        ctx.timerService().registerProcessingTimeTimer(now + windowMillis);
        out.collect(record);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DeliveryRecord> out)
            throws Exception {
        firstSeen.clear();
    }
}
