package dev.riffle.jobs.video;

import dev.riffle.common.config.ConfigSchema;
import dev.riffle.common.config.GroupSpec;
import dev.riffle.common.config.OptionSpec;
import dev.riffle.common.config.Validators;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;

/**
 * The video-enrichment job's configuration: its property groups and their keys. The source and sink
 * groups pass their keys to the connectors (which validate them: {@code stream.arn}, {@code aws.*},
 * {@code source.*}, {@code sink.*}).
 */
public final class VideoEnrichmentOptions {
    private VideoEnrichmentOptions() {}

    public static final String REKOGNITION_SOURCE = "rekognition-source";
    public static final String KVS_SOURCE = "kvs-source";
    public static final String CAMERA_REGISTRY = "camera-registry";
    public static final String ENRICHMENT = "enrichment";
    public static final String DETECTIONS_SINK = "detections-sink";
    public static final String COUNTS_SINK = "counts-sink";
    public static final String DEAD_LETTERS_SINK = "dead-letters-sink";

    public static final ConfigOption<String> REGISTRY_PATH =
            ConfigOptions.key("path")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The camera registry JSON: a local path or a Flink file system URI such"
                                    + " as s3://bucket/cameras.json.");

    public static final ConfigOption<Duration> REGISTRY_POLL_INTERVAL =
            ConfigOptions.key("poll-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "How often the registry is read again; a changed registry applies"
                                    + " without a restart.");

    public static final ConfigOption<Duration> ALLOWED_LATENESS =
            ConfigOptions.key("allowed-lateness")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(2))
                    .withDescription(
                            "How long (event time) a detection waits for its fragment and a"
                                + " fragment is kept for its detections. Later data goes to dead"
                                + " letters.");

    public static final ConfigOption<Duration> OUT_OF_ORDERNESS =
            ConfigOptions.key("out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("Bounded out-of-orderness of both inputs' watermarks.");

    public static final ConfigOption<Duration> IDLENESS =
            ConfigOptions.key("idleness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "An input (or a split of it) with no data for this long stops holding"
                                    + " the watermark back.");

    public static final ConfigOption<Double> UNKNOWN_FACE_CONFIDENCE =
            ConfigOptions.key("unknown-face-confidence")
                    .doubleType()
                    .defaultValue(90.0)
                    .withDescription(
                            "A face with no match in the collection is flagged UNKNOWN_FACE when"
                                    + " its detection confidence is at least this (0-100).");

    public static final ConfigOption<Duration> COUNTS_WINDOW =
            ConfigOptions.key("counts-window")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "Size of the tumbling event-time window of per-camera counts.");

    public static final ConfigSchema SCHEMA =
            ConfigSchema.builder("video-enrichment")
                    .group(
                            GroupSpec.builder(REKOGNITION_SOURCE)
                                    .description(
                                            "The Kinesis stream Rekognition stream processors write"
                                                    + " to: the Kinesis source's keys (stream.arn,"
                                                    + " aws.*, source.*).")
                                    .acceptUndeclaredKeys()
                                    .build())
                    .group(
                            GroupSpec.builder(KVS_SOURCE)
                                    .description(
                                            "The video streams: the KVS source's keys (stream.arn -"
                                                + " use ARNs, they are what Rekognition reports;"
                                                + " source.*; aws.*), or source.file.paths for MKV"
                                                + " files.")
                                    .acceptUndeclaredKeys()
                                    .build())
                    .group(
                            GroupSpec.builder(DETECTIONS_SINK)
                                    .description(
                                            "The stream enriched detections are written to (JSON,"
                                                    + " partition key: the camera id, or the video"
                                                    + " stream ARN for an unregistered camera):"
                                                    + " the Kinesis sink's keys (stream.arn,"
                                                    + " aws.*, sink.*).")
                                    .acceptUndeclaredKeys()
                                    .build())
                    .group(
                            GroupSpec.builder(COUNTS_SINK)
                                    .description(
                                            "The stream per-camera counts are written to (JSON,"
                                                    + " partition key: the camera): the Kinesis"
                                                    + " sink's keys.")
                                    .acceptUndeclaredKeys()
                                    .build())
                    .group(
                            GroupSpec.builder(DEAD_LETTERS_SINK)
                                    .description(
                                            "The stream dead letters (bad Rekognition records,"
                                                    + " late detections and fragments) are"
                                                    + " written to, in the suite's envelope"
                                                    + " (partition key: the source shard): the"
                                                    + " Kinesis sink's keys.")
                                    .acceptUndeclaredKeys()
                                    .build())
                    .group(
                            GroupSpec.builder(CAMERA_REGISTRY)
                                    .description("Where the camera registry is.")
                                    .required(REGISTRY_PATH)
                                    .option(
                                            OptionSpec.optional(REGISTRY_POLL_INTERVAL)
                                                    .validatedBy(
                                                            Validators.range(
                                                                    Duration.ofMillis(100),
                                                                    Duration.ofHours(24))))
                                    .build())
                    .group(
                            GroupSpec.builder(ENRICHMENT)
                                    .description("Join, flags and counts.")
                                    .optional()
                                    .option(
                                            OptionSpec.optional(ALLOWED_LATENESS)
                                                    .validatedBy(
                                                            Validators.range(
                                                                    Duration.ZERO,
                                                                    Duration.ofDays(1))))
                                    .option(
                                            OptionSpec.optional(OUT_OF_ORDERNESS)
                                                    .validatedBy(
                                                            Validators.range(
                                                                    Duration.ZERO,
                                                                    Duration.ofHours(1))))
                                    .option(
                                            OptionSpec.optional(IDLENESS)
                                                    .validatedBy(
                                                            Validators.range(
                                                                    Duration.ofSeconds(1),
                                                                    Duration.ofHours(1))))
                                    .option(
                                            OptionSpec.optional(UNKNOWN_FACE_CONFIDENCE)
                                                    .validatedBy(Validators.range(0.0, 100.0)))
                                    .option(
                                            OptionSpec.optional(COUNTS_WINDOW)
                                                    .validatedBy(
                                                            Validators.range(
                                                                    Duration.ofSeconds(1),
                                                                    Duration.ofDays(1))))
                                    .build())
                    .build();
}
