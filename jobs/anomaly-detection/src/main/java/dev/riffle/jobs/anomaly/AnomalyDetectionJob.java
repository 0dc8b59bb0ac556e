package dev.riffle.jobs.anomaly;

import dev.riffle.common.config.ConfigGroup;
import dev.riffle.common.config.ConfigSchema;
import dev.riffle.common.config.GroupSpec;
import dev.riffle.common.config.JobConfig;
import dev.riffle.common.config.JobConfigLoader;
import dev.riffle.connector.kinesis.source.KinesisSource;
import dev.riffle.jobs.anomaly.config.AnomalyOptions;
import dev.riffle.jobs.anomaly.io.EventRecord;
import dev.riffle.jobs.anomaly.io.EventRecordSchema;
import dev.riffle.jobs.anomaly.io.JobSinks;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;

/**
 * The DataStream detector as a job: events from the {@code events} group's Kinesis stream, alerts
 * to the {@code alerts} group's stream (partition key: the alert's key), records that are not
 * events and events too late for their interval to the {@code dead-letters} group's stream. A thin
 * {@code main}: configuration through {@link JobConfigLoader} (MSF property groups, {@code --config
 * FILE}, or the classpath), the real source and sinks around {@link AnomalyPipeline#build}.
 *
 * <p>Alerts reach the lake through Parquet delivery reading the alerts stream. Checkpointing, state
 * backend and parallelism come from the cluster (MSF: the application).
 */
@PublicEvolving
public final class AnomalyDetectionJob {
    /** Property group of the events stream: the Kinesis source's keys. */
    public static final String EVENTS_GROUP = "events";

    /** Property group of the alerts stream: the Kinesis sink's keys. */
    public static final String ALERTS_GROUP = "alerts";

    /** Property group of the dead-letters stream: the Kinesis sink's keys. */
    public static final String DEAD_LETTERS_GROUP = "dead-letters";

    /** Operator uids: part of the savepoint contract. */
    public static final String SOURCE_UID = "anomaly-events-source";

    public static final String ALERTS_SINK_UID = "anomaly-alerts-sink";
    public static final String DEAD_LETTERS_SINK_UID = "anomaly-dead-letters-sink";

    /** The job's property groups. */
    public static final ConfigSchema SCHEMA =
            ConfigSchema.builder("anomaly-detection")
                    .group(
                            GroupSpec.builder(EVENTS_GROUP)
                                    .description(
                                            "The stream of validated events (written by"
                                                    + " ingestion): the Kinesis source's keys"
                                                    + " (stream.arn, or stream.name with"
                                                    + " aws.region; aws.*; source.*).")
                                    .acceptUndeclaredKeys()
                                    .build())
                    .group(
                            GroupSpec.builder(ALERTS_GROUP)
                                    .description(
                                            "The stream alerts go to, one JSON alert per record"
                                                    + " keyed by what it is about: the Kinesis"
                                                    + " sink's keys (stream.arn or stream.name;"
                                                    + " aws.*; sink.*).")
                                    .acceptUndeclaredKeys()
                                    .build())
                    .group(
                            GroupSpec.builder(DEAD_LETTERS_GROUP)
                                    .description(
                                            "The stream rejected records go to, one dead-letter"
                                                    + " envelope each: the Kinesis sink's keys.")
                                    .acceptUndeclaredKeys()
                                    .build())
                    .group(AnomalyOptions.GROUP_SPEC)
                    .build();

    private AnomalyDetectionJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig config = JobConfigLoader.builder(SCHEMA).build().load(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env, config);
        env.execute("anomaly-detection");
    }

    /** Adds the job to {@code env}: source, detector and sinks. */
    public static AnomalyPipeline.Outputs define(StreamExecutionEnvironment env, JobConfig config) {
        AnomalyPipeline.Outputs out = wire(env, config);
        JobSinks.attach(out, config);
        return out;
    }

    /** The Kinesis source from the configuration, and the detector over it (no sinks). */
    public static AnomalyPipeline.Outputs wire(StreamExecutionEnvironment env, JobConfig config) {
        KinesisSource<EventRecord> source =
                KinesisSource.<EventRecord>builder()
                        .setAll(config.group(EVENTS_GROUP).toMap())
                        .deserializationSchema(new EventRecordSchema())
                        .build();
        // Watermarks in the source, per shard: shards read at different speeds cannot push each
        // other's events past their windows.
        ConfigGroup detector = config.group(AnomalyOptions.GROUP);
        Duration outOfOrderness = detector.get(AnomalyOptions.SERIES_OUT_OF_ORDERNESS);
        DataStream<EventRecord> records =
                env.fromSource(
                                source,
                                AnomalyPipeline.recordWatermarks(outOfOrderness),
                                "Kinesis events")
                        .uid(SOURCE_UID);
        return AnomalyPipeline.build(
                records,
                AnomalyOptions.detectorSettings(detector),
                detector.get(AnomalyOptions.SERIES_INTERVAL),
                detector.get(AnomalyOptions.SERIES_MIN_CHECKOUTS),
                outOfOrderness,
                detector.get(AnomalyOptions.SERIES_DEDUPE_WINDOW));
    }
}
