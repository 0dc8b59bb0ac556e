package dev.riffle.jobs.parquet.internal;

import dev.riffle.jobs.parquet.record.DeliveryRecord;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.Preconditions;

/**
 * The dedupe step as parquet-delivery ran it before it became {@link
 * dev.riffle.common.dedupe.FirstSighting}, kept word for word (but the name) so that {@link
 * DedupeTest} can take a snapshot of its state and restore it into the new one: savepoints of
 * earlier releases must still restore.
 */
final class DedupeByFieldBeforeCommon
        extends KeyedProcessFunction<String, DeliveryRecord, DeliveryRecord> {
    private static final long serialVersionUID = 1L;

    /** State name; part of the savepoint contract together with the operator uid. */
    static final String FIRST_SEEN_STATE = "first-seen";

    private final long windowMillis;

    private transient ValueState<Long> firstSeen;
    private transient Counter duplicatesDropped;

    DedupeByFieldBeforeCommon(long windowMillis) {
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
