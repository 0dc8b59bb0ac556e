package dev.riffle.jobs.ingestion;

import dev.riffle.common.config.JobConfig;
import dev.riffle.common.config.JobConfigLoader;
import dev.riffle.common.event.RawRecord;
import dev.riffle.connector.kinesis.source.KinesisSource;
import dev.riffle.jobs.ingestion.config.IngestionConfig;
import dev.riffle.jobs.ingestion.config.IngestionOptions;
import dev.riffle.jobs.ingestion.io.RawRecordSchema;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The ingestion job: {@code [raw-events]} through {@link IngestionPipeline} into {@code [events]}
 * (partition key: the user, or the device) and {@code [dead-letters]}, on Riffle's Kinesis source
 * and sink. A thin {@code main()}: configuration from {@link JobConfigLoader} ({@code --config
 * FILE} on a cluster, the application's property groups on Managed Service for Apache Flink), the
 * groups of {@link IngestionOptions#SCHEMA}.
 *
 * <p>Checkpointing, parallelism and the state backend come from the cluster (MSF owns them).
 * Without checkpoints the job still runs, but a restart reads its shards from the configured
 * initial position again and forgets the ids it has seen.
 */
@PublicEvolving
public final class IngestionJob {
    /** Operator uids: part of the savepoint contract, never change them. */
    public static final String SOURCE_UID = "raw-events-source";

    public static final String EVENTS_SINK_UID = "events-sink";
    public static final String DEAD_LETTERS_SINK_UID = "dead-letters-sink";

    private IngestionJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig config = JobConfigLoader.builder(IngestionOptions.SCHEMA).build().load(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env, config);
        env.execute(settings(config).jobName());
    }

    /** Adds the whole job to {@code env}: source, pipeline, both sinks. */
    public static void define(StreamExecutionEnvironment env, JobConfig config) {
        IngestionPipeline.Outputs outputs = wire(env, config);
        IngestionSinks.attach(outputs, config);
    }

    /** The Kinesis source and the pipeline over it, without the sinks (tests add their own). */
    public static IngestionPipeline.Outputs wire(StreamExecutionEnvironment env, JobConfig config) {
        IngestionConfig settings = settings(config);
        KinesisSource<RawRecord> source =
                KinesisSource.<RawRecord>builder()
                        .setAll(config.group(IngestionOptions.SOURCE_GROUP).toMap())
                        .deserializationSchema(new RawRecordSchema())
                        .build();
        DataStream<RawRecord> raw =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "Kinesis raw-events")
                        .uid(SOURCE_UID);
        return IngestionPipeline.build(raw, settings);
    }

    static IngestionConfig settings(JobConfig config) {
        return IngestionConfig.from(config.group(IngestionOptions.GROUP));
    }
}
