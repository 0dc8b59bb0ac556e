package dev.riffle.jobs.anomaly.io;

import dev.riffle.common.deadletter.ErrorType;
import dev.riffle.common.event.Event;
import dev.riffle.common.event.EventJson;
import dev.riffle.common.event.RawRecord;
import dev.riffle.connector.kinesis.source.serialization.KinesisDeserializationSchema;
import dev.riffle.connector.kinesis.source.serialization.KinesisRecord;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

import java.io.IOException;

/**
 * Reads the events stream (JSON events written by the ingestion job, {@link EventJson}): every
 * record becomes an {@link EventRecord}, an event or a failure with its reason. Nothing is dropped
 * here and nothing throws: a bad record is data for the dead-letter output.
 */
@Internal
public final class EventRecordSchema implements KinesisDeserializationSchema<EventRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(KinesisRecord record, Collector<EventRecord> out) {
        out.collect(parse(raw(record)));
    }

    @Override
    public void deserializeCorrupt(
            KinesisRecord record, String reason, Collector<EventRecord> out) {
        out.collect(EventRecord.failed(raw(record), ErrorType.CORRUPT_AGGREGATE, reason));
    }

    /** The event in {@code raw}'s bytes, or why there is none. */
    public static EventRecord parse(RawRecord raw) {
        Event e;
        try {
            e = EventJson.read(raw.data);
        } catch (IOException ex) {
            String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            ErrorType type =
                    message.startsWith("Unknown event type")
                            ? ErrorType.UNKNOWN_TYPE
                            : ErrorType.MALFORMED_JSON;
            return EventRecord.failed(raw, type, message);
        }
        if (e.type == null) {
            return EventRecord.failed(raw, ErrorType.UNKNOWN_TYPE, "The event has no type");
        }
        if (e.occurredAt == null) {
            return EventRecord.failed(
                    raw, ErrorType.INVALID_TIMESTAMP, "The event has no occurredAt");
        }
        return EventRecord.of(e);
    }

    private static RawRecord raw(KinesisRecord record) {
        return new RawRecord(
                record.data(),
                record.streamArn(),
                record.shardId(),
                record.sequenceNumber(),
                record.partitionKey(),
                record.approximateArrivalTimestamp() == null
                        ? System.currentTimeMillis()
                        : record.approximateArrivalTimestamp().toEpochMilli());
    }

    @Override
    public TypeInformation<EventRecord> getProducedType() {
        return TypeInformation.of(EventRecord.class);
    }
}
