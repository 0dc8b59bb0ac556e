package dev.riffle.jobs.anomaly.io;

import dev.riffle.common.alert.AlertJson;
import dev.riffle.common.config.JobConfig;
import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.common.deadletter.DeadLetterJson;
import dev.riffle.connector.kinesis.sink.KinesisSink;
import dev.riffle.connector.kinesis.sink.PartitionKeyGenerator;
import dev.riffle.jobs.anomaly.AnomalyDetectionJob;
import dev.riffle.jobs.anomaly.AnomalyPipeline;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.serialization.SimpleStringSchema;

/**
 * Writes the job's outputs with Riffle's Kinesis sink: alerts to the {@code alerts} group's stream,
 * partitioned by the alert's key (a merchant's or a series' alerts stay in order on one shard);
 * dead letters to the {@code dead-letters} group's stream, partitioned like the rejected record.
 */
@Internal
public final class JobSinks {
    /** Kinesis partition keys are 1 to 256 Unicode characters. */
    static final int MAX_PARTITION_KEY = 256;

    private JobSinks() {}

    public static void attach(AnomalyPipeline.Outputs outputs, JobConfig config) {
        KinesisSink<String> alerts =
                KinesisSink.<String>builder()
                        .setAll(config.group(AnomalyDetectionJob.ALERTS_GROUP).toMap())
                        .serializationSchema(new SimpleStringSchema())
                        .partitionKeyGenerator(new AlertKey())
                        .build();
        KinesisSink<DeadLetter> deadLetters =
                KinesisSink.<DeadLetter>builder()
                        .setAll(config.group(AnomalyDetectionJob.DEAD_LETTERS_GROUP).toMap())
                        .serializationSchema(new DeadLetterSchema())
                        .partitionKeyGenerator(new DeadLetterKey())
                        .build();
        outputs.alerts
                .sinkTo(alerts)
                .name("Kinesis alerts")
                .uid(AnomalyDetectionJob.ALERTS_SINK_UID);
        outputs.deadLetters
                .sinkTo(deadLetters)
                .name("Kinesis dead-letters")
                .uid(AnomalyDetectionJob.DEAD_LETTERS_SINK_UID);
    }

    /** The alert's {@code key}: its merchant, {@code device/metric} or series. */
    public static final class AlertKey implements PartitionKeyGenerator<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String apply(String alertJson) {
            return clip(AlertJson.fromJson(alertJson).key());
        }
    }

    /** The rejected record's partition key; else its sequence number; else its error type. */
    public static final class DeadLetterKey implements PartitionKeyGenerator<DeadLetter> {
        private static final long serialVersionUID = 1L;

        @Override
        public String apply(DeadLetter d) {
            if (d.partitionKey != null && !d.partitionKey.isEmpty()) {
                return clip(d.partitionKey);
            }
            if (d.sequenceNumber != null && !d.sequenceNumber.isEmpty()) {
                return clip(d.sequenceNumber);
            }
            return d.errorType;
        }
    }

    /** A dead letter as the dead-letters stream carries it ({@link DeadLetterJson}). */
    static final class DeadLetterSchema implements SerializationSchema<DeadLetter> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(DeadLetter d) {
            return DeadLetterJson.write(d);
        }
    }

    static String clip(String key) {
        if (key == null || key.isEmpty()) {
            return "-";
        }
        return key.length() <= MAX_PARTITION_KEY ? key : key.substring(0, MAX_PARTITION_KEY);
    }
}
