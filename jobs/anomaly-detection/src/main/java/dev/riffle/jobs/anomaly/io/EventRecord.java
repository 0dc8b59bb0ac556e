package dev.riffle.jobs.anomaly.io;

import dev.riffle.common.deadletter.ErrorType;
import dev.riffle.common.event.Event;
import dev.riffle.common.event.RawRecord;

import org.apache.flink.annotation.Internal;

/**
 * One record of the events stream as the source emits it: the parsed {@link Event}, or, for a
 * record that is not one, the record itself with why (it becomes a dead letter). Parsing in the
 * source lets watermarks be per shard, from each event's own time.
 *
 * <p>A Flink POJO. The raw bytes travel only with failures.
 */
@Internal
public class EventRecord {
    /** The event; {@code null} for a failure. */
    public Event event;

    /** The record as read; only for a failure. */
    public RawRecord raw;

    /** {@link ErrorType} name; only for a failure. */
    public String errorType;

    /** Why the record is not an event; only for a failure. */
    public String errorMessage;

    public EventRecord() {}

    public static EventRecord of(Event event) {
        EventRecord r = new EventRecord();
        r.event = event;
        return r;
    }

    public static EventRecord failed(RawRecord raw, ErrorType type, String message) {
        EventRecord r = new EventRecord();
        r.raw = raw;
        r.errorType = type.name();
        r.errorMessage = message;
        return r;
    }

    public boolean isEvent() {
        return event != null;
    }
}
