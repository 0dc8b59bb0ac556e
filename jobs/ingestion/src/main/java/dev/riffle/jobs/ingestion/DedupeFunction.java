package dev.riffle.jobs.ingestion;

import dev.riffle.common.event.Event;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.Preconditions;

import java.time.Duration;

/**
 * Drops events whose {@code eventId} was already seen within the dedupe window.
 *
 * <p>Keyed by the event's partition key (user, or device), not by eventId: all events of a key pass
 * one subtask in order, so deduplicating does not reorder a user's events. A duplicate has the same
 * partition key as its original (it is the same event), so it meets it here.
 *
 * <p>State per key, all in processing time:
 *
 * <ul>
 *   <li>{@code seen-event-ids}: a {@link MapState} of eventIds whose entries expire one by one
 *       after the window (state TTL: cleaned incrementally on the heap backend, by the compaction
 *       filter on RocksDB), so a key that never goes quiet does not grow without bound;
 *   <li>{@code last-sighting}: when the key last had a new event, and one cleanup timer at most:
 *       when a key has been quiet for a whole window the timer drops all of its state. TTL alone
 *       would leave an empty map behind for every quiet key on the heap backend.
 * </ul>
 *
 * <p>Metrics: {@code accepted} (first sightings, emitted), {@code duplicates} (dropped).
 */
@Internal
public class DedupeFunction extends KeyedProcessFunction<String, Event, Event> {
    private static final long serialVersionUID = 1L;

    /** State names; part of the savepoint contract together with the operator uid. */
    static final String SEEN_STATE = "seen-event-ids";

    static final String LAST_SIGHTING_STATE = "last-sighting";

    private final Duration window;

    private transient MapState<String, Boolean> seen;
    private transient ValueState<Long> lastSighting;
    private transient Counter accepted;
    private transient Counter duplicates;

    public DedupeFunction(Duration window) {
        Preconditions.checkArgument(
                window.compareTo(Duration.ofSeconds(1)) >= 0,
                "The dedupe window must be at least 1 s, got %s",
                window);
        this.window = window;
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, Boolean> seenDescriptor =
                new MapStateDescriptor<>(SEEN_STATE, Types.STRING, Types.BOOLEAN);
        seenDescriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(window)
                        .updateTtlOnCreateAndWrite()
                        .neverReturnExpired()
                        .cleanupIncrementally(10, false)
                        .build());
        seen = getRuntimeContext().getMapState(seenDescriptor);
        lastSighting =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>(LAST_SIGHTING_STATE, Types.LONG));
        accepted = getRuntimeContext().getMetricGroup().counter("accepted");
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicates");
    }

    @Override
    public void processElement(Event event, Context ctx, Collector<Event> out) throws Exception {
        if (seen.contains(event.eventId)) {
            duplicates.inc();
            return;
        }
        seen.put(event.eventId, Boolean.TRUE);
        long now = ctx.timerService().currentProcessingTime();
        if (lastSighting.value() == null) {
            // Invariant: while a key has state, exactly one cleanup timer is pending.
            ctx.timerService().registerProcessingTimeTimer(now + window.toMillis());
        }
        lastSighting.update(now);
        accepted.inc();
        out.collect(event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Event> out) throws Exception {
        Long last = lastSighting.value();
        if (last == null) {
            return;
        }
        long quietUntil = last + window.toMillis();
        if (quietUntil <= timestamp) {
            seen.clear();
            lastSighting.clear();
        } else {
            ctx.timerService().registerProcessingTimeTimer(quietUntil);
        }
    }
}
