package dev.riffle.jobs.video;

import dev.riffle.common.config.ConfigGroup;
import dev.riffle.common.config.JobConfig;
import dev.riffle.common.config.JobConfigLoader;
import dev.riffle.common.event.RawRecord;
import dev.riffle.connector.kinesis.source.KinesisSource;
import dev.riffle.connector.kvs.KvsFragment;
import dev.riffle.connector.kvs.KvsSource;
import dev.riffle.jobs.video.io.OutputJson;
import dev.riffle.jobs.video.io.RawRecordSchema;
import dev.riffle.jobs.video.model.RegistrySnapshot;
import dev.riffle.jobs.video.registry.CameraRegistrySource;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Video-metadata enrichment: Rekognition stream-processor results (Kinesis) joined with KVS
 * fragment metadata and a camera registry. A thin {@code main}: it loads the configuration, wires
 * the real sources around {@link VideoEnrichmentPipeline} and writes its outputs.
 *
 * <p>Outputs are JSON lines on the task managers' standard output (prefixed {@code detection>},
 * {@code counts>}, {@code dead-letter>}) until the Kinesis sink lands; then each goes to its own
 * stream.
 */
public final class VideoEnrichmentJob {
    private VideoEnrichmentJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig config =
                JobConfigLoader.builder(VideoEnrichmentOptions.SCHEMA)
                        .defaultResource("video-enrichment-local.json")
                        .build()
                        .load(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        VideoEnrichmentPipeline.Outputs out = wire(env, config);
        out.detections.map(OutputJson::detection).uid("detections-json").print("detection");
        out.counts.map(OutputJson::counts).uid("counts-json").print("counts");
        out.deadLetters.map(OutputJson::deadLetter).uid("dead-letters-json").print("dead-letter");
        env.execute("video-enrichment");
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
