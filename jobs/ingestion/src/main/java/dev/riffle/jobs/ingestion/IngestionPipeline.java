package dev.riffle.jobs.ingestion;

import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.common.dedupe.EventDedupe;
import dev.riffle.common.event.Event;
import dev.riffle.common.event.RawRecord;
import dev.riffle.jobs.ingestion.config.IngestionConfig;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * The ingestion job as a function from streams to streams, so tests and the benchmark can feed it
 * from memory and {@link IngestionJob} wires it to Kinesis:
 *
 * <pre>
 * raw records -> parse, validate, normalize, filter, enrich (uid "ingest")
 *                 |-> dead letters (side output)
 *                 \-> keyBy(partition key) -> deduplicate by eventId (uid "dedupe") -> events
 * </pre>
 *
 * Per partition key (user, or device) the order of events is kept: the first step is chained to the
 * source, and the key exchange sends all of a key's events down one path.
 */
@PublicEvolving
public final class IngestionPipeline {
    /** Rejected records, one {@link DeadLetter} each. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    /** Operator uids: part of the savepoint contract, never change them. */
    public static final String INGEST_UID = "ingest";

    public static final String DEDUPE_UID = "dedupe";

    private IngestionPipeline() {}

    /** The pipeline's two outputs. */
    public static final class Outputs {
        public final DataStream<Event> events;
        public final DataStream<DeadLetter> deadLetters;

        Outputs(DataStream<Event> events, DataStream<DeadLetter> deadLetters) {
            this.events = events;
            this.deadLetters = deadLetters;
        }
    }

    /** Adds the ingestion steps after {@code raw}. */
    public static Outputs build(DataStream<RawRecord> raw, IngestionConfig config) {
        SingleOutputStreamOperator<Event> valid =
                raw.process(new IngestFunction(config), TypeInformation.of(Event.class))
                        // Same parallelism as the source, so the step chains to it: a shard's
                        // records stay in order (a rebalance in between would shuffle them).
                        .setParallelism(raw.getParallelism())
                        .name("Parse, validate, normalize, filter, enrich")
                        .uid(INGEST_UID);
        DataStream<Event> events =
                valid.keyBy(Event::partitionKey)
                        .process(
                                new EventDedupe(config.dedupeWindow()),
                                TypeInformation.of(Event.class))
                        .name("Deduplicate by eventId")
                        .uid(DEDUPE_UID);
        return new Outputs(events, valid.getSideOutput(DEAD_LETTERS));
    }
}
