package dev.riffle.jobs.parquet;

import dev.riffle.common.config.JobConfig;
import dev.riffle.common.config.JobConfigLoader;
import dev.riffle.connector.kinesis.source.KinesisSource;
import dev.riffle.jobs.parquet.config.DeliverySettings;
import dev.riffle.jobs.parquet.config.ParquetDeliveryConfig;
import dev.riffle.jobs.parquet.record.DeliveryRecord;
import dev.riffle.jobs.parquet.source.DeliveryRecordSchema;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parquet delivery as a job: the Kinesis stream of property group {@code kinesis-source} into the
 * lake of property group {@code lake}. Run it with {@code flink run
 * riffle-jobs-parquet-delivery.jar --config delivery.json} on a cluster, or as an application on
 * Managed Service for Apache Flink (configuration from the application's property groups).
 * Checkpointing comes from the cluster (files are committed on checkpoints: without it nothing is
 * ever delivered).
 */
@PublicEvolving
public final class ParquetDeliveryJob {

    /** Operator uid of the Kinesis source (part of the savepoint contract). */
    public static final String SOURCE_UID = "parquet-delivery-kinesis-source";

    private static final Logger LOG = LoggerFactory.getLogger(ParquetDeliveryJob.class);

    private ParquetDeliveryJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig config = JobConfigLoader.builder(ParquetDeliveryConfig.SCHEMA).build().load(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env, config);
        env.execute("parquet-delivery");
    }

    /** Adds the job to {@code env}: the Kinesis source and the delivery. */
    public static void define(StreamExecutionEnvironment env, JobConfig config) {
        configure(env);
        DeliverySettings settings =
                ParquetDeliveryConfig.settings(config, ParquetDeliveryJob.class.getClassLoader());
        LOG.info("Delivering with {}", settings);
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            LOG.warn(
                    "Checkpointing is off: files are committed only on checkpoints, so nothing"
                            + " will be delivered. Set execution.checkpointing.interval.");
        }
        KinesisSource<DeliveryRecord> source =
                KinesisSource.<DeliveryRecord>builder()
                        .setAll(config.group(ParquetDeliveryConfig.SOURCE_GROUP).toMap())
                        .deserializationSchema(new DeliveryRecordSchema())
                        .build();
        DataStream<DeliveryRecord> records =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "Kinesis")
                        .uid(SOURCE_UID)
                        .name("Kinesis records");
        ParquetDeliveryPipeline.build(records, settings);
    }

    /**
     * What the job sets on its environment: object reuse ({@code pipeline.object-reuse}, one of the
     * keys Managed Service for Apache Flink lets code set). Without it every record is copied
     * between chained operators (the record's bytes included); the delivery never keeps or changes
     * a record it was handed (see {@link ParquetDeliveryPipeline}), so the copies buy nothing.
     */
    public static void configure(StreamExecutionEnvironment env) {
        env.getConfig().enableObjectReuse();
    }
}
