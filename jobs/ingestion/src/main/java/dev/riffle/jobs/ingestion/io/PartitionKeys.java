package dev.riffle.jobs.ingestion.io;

import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.common.event.Event;
import dev.riffle.connector.kinesis.sink.PartitionKeyGenerator;

import org.apache.flink.annotation.Internal;

/** The partition keys of the job's two output streams. */
@Internal
public final class PartitionKeys {
    private PartitionKeys() {}

    /**
     * An event's user, or its device for telemetry without a user ({@link Event#partitionKey()}):
     * the key the pipeline deduplicates and keeps order by, so a user's events stay in order on the
     * stream too. Validation guarantees 1 to 128 characters.
     */
    public static PartitionKeyGenerator<Event> events() {
        return new ByUser();
    }

    /**
     * The rejected record's own partition key, so its dead letters spread like the raw stream; its
     * sequence number when it had none (a record not read from Kinesis).
     */
    public static PartitionKeyGenerator<DeadLetter> deadLetters() {
        return new ByOrigin();
    }

    static final class ByUser implements PartitionKeyGenerator<Event> {
        private static final long serialVersionUID = 1L;

        @Override
        public String apply(Event event) {
            return event.partitionKey();
        }
    }

    static final class ByOrigin implements PartitionKeyGenerator<DeadLetter> {
        private static final long serialVersionUID = 1L;

        @Override
        public String apply(DeadLetter d) {
            if (d.partitionKey != null && !d.partitionKey.isEmpty()) {
                return d.partitionKey;
            }
            if (d.sequenceNumber != null && !d.sequenceNumber.isEmpty()) {
                return d.sequenceNumber;
            }
            return d.errorType;
        }
    }
}
