package dev.riffle.common.dedupe;

import dev.riffle.common.event.Event;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.Preconditions;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/**
 * Drops events whose {@code eventId} was already seen within the dedupe window (processing time,
 * from the first sighting).
 *
 * <p>Keyed by the event's partition key (user, or device), not by eventId: all events of a key pass
 * one subtask in order, so deduplicating does not reorder a user's events. A duplicate has the same
 * partition key as its original (it is the same event), so it meets it here.
 *
 * <p>State per key: {@code seen-event-ids}, a {@link MapState} from eventId to when it was first
 * seen, and {@code next-sweep}, the time of the key's one pending processing-time timer. An id
 * older than the window counts as unseen even before it is removed. The timer sweeps the key's
 * expired ids at most every quarter window, so each id is held for at most 1.25 windows and a
 * sweep's cost is spread over the ids it removes; when nothing is left, the key's state and timer
 * are gone.
 *
 * <p>Why not state TTL: on the heap backend, TTL's incremental cleanup copies a key's whole map on
 * every visit (with Zipf-popular users, this made the job ten times slower in {@code bench/}), and
 * it never removes the emptied map of a key that went quiet. The sweep behaves the same on every
 * backend and is what the harness test pins.
 *
 * <p>Why not {@link FirstSighting} (keyed by the id itself, as Parquet delivery deduplicates):
 * keying by eventId shuffles a key's events over subtasks, so two of them can reach the next keyed
 * step in either order. Ingestion keeps each user's order; the anomaly detector's forests read a
 * device's readings in order (a shingle, the forest's state), so both deduplicate here. Events
 * without an eventId (ingestion rejects those) pass and leave no state.
 *
 * <p>Metrics: {@code accepted} (first sightings, emitted), {@code duplicates} (dropped).
 */
@Internal
public class EventDedupe extends KeyedProcessFunction<String, Event, Event> {
    private static final long serialVersionUID = 1L;

    /** State names; part of the savepoint contract together with the operator uid. */
    static final String SEEN_STATE = "seen-event-ids";

    static final String NEXT_SWEEP_STATE = "next-sweep";

    private final long windowMillis;
    private final long sweepEveryMillis;

    private transient MapState<String, Long> seen;
    private transient ValueState<Long> nextSweep;
    private transient Counter accepted;
    private transient Counter duplicates;

    public EventDedupe(Duration window) {
        Preconditions.checkArgument(
                window.compareTo(Duration.ofSeconds(1)) >= 0,
                "The dedupe window must be at least 1 s, got %s",
                window);
        this.windowMillis = window.toMillis();
        this.sweepEveryMillis = Math.max(1, windowMillis / 4);
    }

    @Override
    public void open(OpenContext openContext) {
        seen =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(SEEN_STATE, Types.STRING, Types.LONG));
        nextSweep =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>(NEXT_SWEEP_STATE, Types.LONG));
        accepted = getRuntimeContext().getMetricGroup().counter("accepted");
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicates");
    }

    @Override
    public void processElement(Event event, Context ctx, Collector<Event> out) throws Exception {
        if (event.eventId == null) {
            out.collect(event);
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        Long firstSeen = seen.get(event.eventId);
        if (firstSeen != null && now - firstSeen < windowMillis) {
            duplicates.inc();
            return;
        }
        seen.put(event.eventId, now);
        if (nextSweep.value() == null) {
            // Invariant: while a key has state, exactly one sweep timer is pending.
            long at = now + windowMillis;
            ctx.timerService().registerProcessingTimeTimer(at);
            nextSweep.update(at);
        }
        accepted.inc();
        out.collect(event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Event> out) throws Exception {
        long oldestKept = Long.MAX_VALUE;
        Iterator<Map.Entry<String, Long>> it = seen.iterator();
        while (it.hasNext()) {
            long firstSeen = it.next().getValue();
            if (timestamp - firstSeen >= windowMillis) {
                it.remove();
            } else {
                oldestKept = Math.min(oldestKept, firstSeen);
            }
        }
        if (oldestKept == Long.MAX_VALUE) {
            seen.clear();
            nextSweep.clear();
        } else {
            long at = Math.max(oldestKept + windowMillis, timestamp + sweepEveryMillis);
            ctx.timerService().registerProcessingTimeTimer(at);
            nextSweep.update(at);
        }
    }
}
