package dev.riffle.jobs.video;

import dev.riffle.common.config.ConfigGroup;
import dev.riffle.common.config.JobConfig;
import dev.riffle.common.config.JobConfigLoader;
import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.common.event.RawRecord;
import dev.riffle.connector.kinesis.sink.KinesisSink;
import dev.riffle.connector.kinesis.source.KinesisSource;
import dev.riffle.connector.kvs.KvsFragment;
import dev.riffle.connector.kvs.KvsSource;
import dev.riffle.jobs.video.io.OutputSchemas;
import dev.riffle.jobs.video.io.RawRecordSchema;
import dev.riffle.jobs.video.model.CameraCounts;
import dev.riffle.jobs.video.model.EnrichedDetection;
import dev.riffle.jobs.video.model.RegistrySnapshot;
import dev.riffle.jobs.video.registry.CameraRegistrySource;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Video-metadata enrichment: Rekognition stream-processor results (Kinesis) joined with KVS
 * fragment metadata and a camera registry. A thin {@code main}: it loads the configuration, wires
 * the real sources around {@link VideoEnrichmentPipeline} and writes its three outputs with
 * Riffle's Kinesis sink, each to the stream of its group: enriched detections ({@code
 * detections-sink}), per-camera counts ({@code counts-sink}) and dead letters in the suite's
 * envelope ({@code dead-letters-sink}). Kinesis writes are at-least-once: consumers deduplicate
 * detections on {@code detectionId} and counts on camera and window start.
 */
public final class VideoEnrichmentJob {
    /** Operator uids of the sinks (part of the savepoint contract). */
    public static final String DETECTIONS_SINK_UID = "detections-sink";

    public static final String COUNTS_SINK_UID = "counts-sink";
    public static final String DEAD_LETTERS_SINK_UID = "dead-letters-sink";

    private VideoEnrichmentJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig config =
                JobConfigLoader.builder(VideoEnrichmentOptions.SCHEMA)
                        .defaultResource("video-enrichment-local.json")
                        .build()
                        .load(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env, config);
        env.execute("video-enrichment");
    }

    /** The whole job on {@code env}: sources, pipeline and sinks from the configuration. */
    public static VideoEnrichmentPipeline.Outputs define(
            StreamExecutionEnvironment env, JobConfig config) {
        VideoEnrichmentPipeline.Outputs out = wire(env, config);
        out.detections
                .sinkTo(
                        KinesisSink.<EnrichedDetection>builder()
                                .setAll(
                                        config.group(VideoEnrichmentOptions.DETECTIONS_SINK)
                                                .toMap())
                                .serializationSchema(OutputSchemas.detections())
                                .partitionKeyGenerator(OutputSchemas.detectionKey())
                                .build())
                .uid(DETECTIONS_SINK_UID)
                .name("Detections to Kinesis");
        out.counts
                .sinkTo(
                        KinesisSink.<CameraCounts>builder()
                                .setAll(config.group(VideoEnrichmentOptions.COUNTS_SINK).toMap())
                                .serializationSchema(OutputSchemas.counts())
                                .partitionKeyGenerator(OutputSchemas.countsKey())
                                .build())
                .uid(COUNTS_SINK_UID)
                .name("Counts to Kinesis");
        out.deadLetters
                .sinkTo(
                        KinesisSink.<DeadLetter>builder()
                                .setAll(
                                        config.group(VideoEnrichmentOptions.DEAD_LETTERS_SINK)
                                                .toMap())
                                .serializationSchema(OutputSchemas.deadLetters())
                                .partitionKeyGenerator(OutputSchemas.deadLetterKey())
                                .build())
                .uid(DEAD_LETTERS_SINK_UID)
                .name("Dead letters to Kinesis");
        return out;
    }

    /** The sources from the configuration, and the pipeline over them. */
    public static VideoEnrichmentPipeline.Outputs wire(
            StreamExecutionEnvironment env, JobConfig config) {
        ConfigGroup rekognitionGroup = config.group(VideoEnrichmentOptions.REKOGNITION_SOURCE);
        KinesisSource<RawRecord> rekognitionSource =
                KinesisSource.<RawRecord>builder()
                        .setAll(rekognitionGroup.toMap())
                        .deserializationSchema(new RawRecordSchema())
                        .build();
        KvsSource kvsSource =
                KvsSource.builder()
                        .properties(config.group(VideoEnrichmentOptions.KVS_SOURCE).toMap())
                        .build();
        ConfigGroup registry = config.group(VideoEnrichmentOptions.CAMERA_REGISTRY);

        DataStream<RawRecord> rekognition =
                env.fromSource(
                                rekognitionSource,
                                WatermarkStrategy.noWatermarks(),
                                "Rekognition results")
                        .uid("rekognition-source");
        DataStream<KvsFragment> fragments =
                env.fromSource(kvsSource, WatermarkStrategy.noWatermarks(), "KVS fragments")
                        .uid("kvs-source");
        DataStream<RegistrySnapshot> cameras =
                env.fromSource(
                                CameraRegistrySource.create(
                                        registry.get(VideoEnrichmentOptions.REGISTRY_PATH),
                                        registry.get(
                                                VideoEnrichmentOptions.REGISTRY_POLL_INTERVAL)),
                                WatermarkStrategy.noWatermarks(),
                                "Camera registry")
                        .uid("camera-registry-source")
                        .setParallelism(1);
        return VideoEnrichmentPipeline.build(rekognition, fragments, cameras, settings(config));
    }

    static VideoEnrichmentSettings settings(JobConfig config) {
        ConfigGroup g = config.group(VideoEnrichmentOptions.ENRICHMENT);
        return new VideoEnrichmentSettings(
                g.get(VideoEnrichmentOptions.ALLOWED_LATENESS),
                g.get(VideoEnrichmentOptions.OUT_OF_ORDERNESS),
                g.get(VideoEnrichmentOptions.IDLENESS),
                g.get(VideoEnrichmentOptions.UNKNOWN_FACE_CONFIDENCE),
                g.get(VideoEnrichmentOptions.COUNTS_WINDOW));
    }
}
