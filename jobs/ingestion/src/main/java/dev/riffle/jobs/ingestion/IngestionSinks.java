package dev.riffle.jobs.ingestion;

import dev.riffle.common.config.JobConfig;
import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.common.event.Event;
import dev.riffle.connector.kinesis.sink.KinesisSink;
import dev.riffle.jobs.ingestion.config.IngestionOptions;
import dev.riffle.jobs.ingestion.io.DeadLetterJsonSchema;
import dev.riffle.jobs.ingestion.io.EventJsonSchema;
import dev.riffle.jobs.ingestion.io.PartitionKeys;

import org.apache.flink.annotation.Internal;

/**
 * Writes the pipeline's outputs with Riffle's Kinesis sink: events to the {@code events} group's
 * stream keyed by user (or device), dead letters to the {@code dead-letters} group's stream. The
 * events sink is chained to deduplication (same parallelism, forward), so a key's events reach it
 * in the order they were deduplicated.
 */
@Internal
final class IngestionSinks {
    /** The events sink's default {@code sink.requests.max-inflight}. */
    static final int EVENTS_MAX_IN_FLIGHT = 1;

    private IngestionSinks() {}

    static void attach(IngestionPipeline.Outputs outputs, JobConfig config) {
        KinesisSink<Event> events =
                KinesisSink.<Event>builder()
                        // Two PutRecords in flight can land in either order: one keeps a
                        // user's events in order. The group may raise it (order for throughput).
                        .maxInFlightRequests(EVENTS_MAX_IN_FLIGHT)
                        .setAll(config.group(IngestionOptions.EVENTS_GROUP).toMap())
                        .serializationSchema(new EventJsonSchema())
                        .partitionKeyGenerator(PartitionKeys.events())
                        .build();
        KinesisSink<DeadLetter> deadLetters =
                KinesisSink.<DeadLetter>builder()
                        .setAll(config.group(IngestionOptions.DEAD_LETTERS_GROUP).toMap())
                        .serializationSchema(new DeadLetterJsonSchema())
                        .partitionKeyGenerator(PartitionKeys.deadLetters())
                        .build();
        outputs.events.sinkTo(events).name("Kinesis events").uid(IngestionJob.EVENTS_SINK_UID);
        outputs.deadLetters
                .sinkTo(deadLetters)
                .name("Kinesis dead-letters")
                .uid(IngestionJob.DEAD_LETTERS_SINK_UID);
    }
}
