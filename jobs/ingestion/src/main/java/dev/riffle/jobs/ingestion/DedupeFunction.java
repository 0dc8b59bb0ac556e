package dev.riffle.jobs.ingestion;

import dev.riffle.common.event.Event;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
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
 * partition key as its original (it is the same event), so it meets it here. Per key, a {@link
 * MapState} from eventId to nothing: its entries expire after the window by state TTL (processing
 * time, from the first sighting), cleaned incrementally on access and, with RocksDB, during
 * compaction. No timers.
 *
 * <p>Metrics: {@code accepted} (first sightings, emitted), {@code duplicates} (dropped).
 */
@Internal
public class DedupeFunction extends KeyedProcessFunction<String, Event, Event> {
    private static final long serialVersionUID = 1L;

    /** Name of the state; part of the savepoint contract together with the operator uid. */
    static final String STATE_NAME = "seen-event-ids";

    private final Duration window;

    private transient MapState<String, Boolean> seen;
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
        MapStateDescriptor<String, Boolean> descriptor =
                new MapStateDescriptor<>(STATE_NAME, Types.STRING, Types.BOOLEAN);
        descriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(window)
                        .updateTtlOnCreateAndWrite()
                        .neverReturnExpired()
                        // Heap backend: look at a few entries on every state access and drop
                        // expired ones, so state stays bounded without timers.
                        .cleanupIncrementally(10, false)
                        .build());
        seen = getRuntimeContext().getMapState(descriptor);
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
        accepted.inc();
        out.collect(event);
    }
}
