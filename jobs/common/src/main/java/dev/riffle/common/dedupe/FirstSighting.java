package dev.riffle.common.dedupe;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.Preconditions;

import java.io.Serializable;
import java.time.Duration;

/**
 * Lets a record through the first time its key is seen and drops the records of the same key that
 * arrive within the window after it (processing time, from that first sighting). Meant for a stream
 * keyed by a record id (a Kinesis stream written at least once, where a replay writes the same id
 * twice):
 *
 * <pre>{@code
 * events.keyBy(e -> e.eventId)
 *         .process(new FirstSighting<Event>(Duration.ofMinutes(10)))
 *         .returns(events.getType())
 *         .uid("my-job-dedupe")
 *         .name("Deduplicate by eventId");
 * }</pre>
 *
 * <p>State per key: one {@link ValueState} {@value #FIRST_SEEN_STATE} (when the key was let
 * through, a {@code Long}) and one processing-time timer at the end of its window that clears it. A
 * key whose window is over holds nothing. The state name and type, with the operator's uid, are a
 * savepoint contract: never change them. The state is checkpointed, so ids let through before a
 * restore are still dropped when the source replays them after it.
 *
 * <p>Keys for which {@link Tracked#test} says no (records without an id, keyed by something else so
 * that they still spread over subtasks) pass unchanged and leave no state.
 *
 * <p>The window should be comfortably longer than a restore's replay (checkpoint interval plus
 * restart time); a copy that arrives after it is let through again.
 *
 * <p>Metric: {@code duplicatesDropped}.
 *
 * @param <T> the record type, passed through unchanged
 */
@PublicEvolving
public final class FirstSighting<T> extends KeyedProcessFunction<String, T, T> {
    private static final long serialVersionUID = 1L;

    /** State name; part of the savepoint contract together with the operator uid. */
    public static final String FIRST_SEEN_STATE = "first-seen";

    /** Name of the counter of dropped repeats. */
    public static final String DUPLICATES_DROPPED = "duplicatesDropped";

    /** Which keys are ids to deduplicate; the others pass and leave no state. */
    @FunctionalInterface
    public interface Tracked extends Serializable {
        boolean test(String key);
    }

    private final long windowMillis;
    private final Tracked tracked;

    private transient ValueState<Long> firstSeen;
    private transient Counter duplicatesDropped;

    /** Deduplicates every key within {@code window} (at least 1 ms). */
    public FirstSighting(Duration window) {
        this(window, key -> true);
    }

    /** Deduplicates the keys {@code tracked} accepts within {@code window} (at least 1 ms). */
    public FirstSighting(Duration window, Tracked tracked) {
        Preconditions.checkArgument(
                window != null && window.toMillis() > 0,
                "The dedupe window must be at least 1 ms, got %s",
                window);
        this.windowMillis = window.toMillis();
        this.tracked = Preconditions.checkNotNull(tracked, "tracked");
    }

    @Override
    public void open(OpenContext openContext) {
        firstSeen =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>(FIRST_SEEN_STATE, Types.LONG));
        duplicatesDropped = getRuntimeContext().getMetricGroup().counter(DUPLICATES_DROPPED);
    }

    @Override
    public void processElement(T record, Context ctx, Collector<T> out) throws Exception {
        if (!tracked.test(ctx.getCurrentKey())) {
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
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) throws Exception {
        firstSeen.clear();
    }
}
