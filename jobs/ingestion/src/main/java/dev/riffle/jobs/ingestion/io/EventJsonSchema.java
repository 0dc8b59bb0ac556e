package dev.riffle.jobs.ingestion.io;

import dev.riffle.common.event.Event;
import dev.riffle.common.event.EventJson;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** An event as the {@code events} stream carries it: {@link EventJson}, UTF-8. */
@Internal
public final class EventJsonSchema implements SerializationSchema<Event> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(Event event) {
        return EventJson.write(event);
    }
}
