package dev.riffle.deploy.msf.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * One Managed Service for Apache Flink application ({@code apps/<name>/application.json}): which
 * job jar it runs, everything it touches in AWS (from which its IAM policy is derived, and nothing
 * else), how it scales and when it alarms. Its runtime properties are the file {@code
 * application_properties.json} beside it.
 *
 * <p>Each resource names the property ({@code group.key}) that points the job at it, so a test can
 * check that the properties and the permissions agree.
 *
 * @param application the MSF application's name (unique in the account and region)
 * @param description what the application does
 * @param artifact the Maven artifact id of the job jar, e.g. {@code riffle-jobs-ingestion}
 * @param mainClass the class whose {@code main()} MSF starts (the jar's Main-Class)
 * @param configSchema the job's {@code ConfigSchema} as {@code class#FIELD}, against which the
 *     properties are validated
 * @param reads streams the job consumes
 * @param writes streams the job produces to
 * @param s3 lake prefixes the job reads or writes
 * @param videoStreams Kinesis Video Streams the job reads
 * @param extraStatements any further permission, each with the reason it is needed
 * @param scaling parallelism and KPUs
 * @param checkpoints checkpoint interval and pause
 * @param alarms alarm thresholds
 */
public record AppDescriptor(
        @JsonProperty(value = "application", required = true) String application,
        @JsonProperty(value = "description", required = true) String description,
        @JsonProperty(value = "artifact", required = true) String artifact,
        @JsonProperty(value = "mainClass", required = true) String mainClass,
        @JsonProperty(value = "configSchema", required = true) String configSchema,
        @JsonProperty("reads") List<StreamRead> reads,
        @JsonProperty("writes") List<StreamWrite> writes,
        @JsonProperty("s3") List<S3Access> s3,
        @JsonProperty("videoStreams") List<VideoStream> videoStreams,
        @JsonProperty("extraStatements") List<ExtraStatement> extraStatements,
        @JsonProperty(value = "scaling", required = true) Scaling scaling,
        @JsonProperty(value = "checkpoints", required = true) Checkpoints checkpoints,
        @JsonProperty(value = "alarms", required = true) Alarms alarms) {

    public AppDescriptor {
        reads = reads == null ? List.of() : List.copyOf(reads);
        writes = writes == null ? List.of() : List.copyOf(writes);
        s3 = s3 == null ? List.of() : List.copyOf(s3);
        videoStreams = videoStreams == null ? List.of() : List.copyOf(videoStreams);
        extraStatements = extraStatements == null ? List.of() : List.copyOf(extraStatements);
    }

    /**
     * A stream the job reads.
     *
     * @param stream the stream's name (declared in the suite)
     * @param property {@code group.key} holding its ARN (or name)
     * @param efoConsumer the enhanced fan-out consumer name, or null for polling (GetRecords)
     */
    public record StreamRead(
            @JsonProperty(value = "stream", required = true) String stream,
            @JsonProperty(value = "property", required = true) String property,
            @JsonProperty("efoConsumer") String efoConsumer) {}

    /**
     * A stream the job writes.
     *
     * @param stream the stream's name (declared in the suite)
     * @param property {@code group.key} holding its ARN (or name)
     */
    public record StreamWrite(
            @JsonProperty(value = "stream", required = true) String stream,
            @JsonProperty(value = "property", required = true) String property) {}

    /** What a job does under an S3 prefix. */
    public enum Access {
        READ,
        WRITE,
        READ_WRITE;

        public boolean reads() {
            return this != WRITE;
        }

        public boolean writes() {
            return this != READ;
        }
    }

    /**
     * A prefix of the lake bucket.
     *
     * @param prefix the key prefix, ending in {@code /}
     * @param access what the job does there
     * @param property {@code group.key} holding the {@code s3://bucket/prefix...} path
     */
    public record S3Access(
            @JsonProperty(value = "prefix", required = true) String prefix,
            @JsonProperty(value = "access", required = true) Access access,
            @JsonProperty(value = "property", required = true) String property) {}

    /**
     * A Kinesis video stream the job reads with GetMedia.
     *
     * @param stream the video stream's name
     * @param property {@code group.key} holding its name or ARN
     */
    public record VideoStream(
            @JsonProperty(value = "stream", required = true) String stream,
            @JsonProperty(value = "property", required = true) String property) {}

    /**
     * A permission the typed entries cannot express.
     *
     * @param sid statement id
     * @param actions IAM actions (never {@code *})
     * @param resources resource ARNs ({@code Fn::Sub} placeholders allowed)
     * @param condition an IAM condition block, or null
     * @param reason why the job needs it (reviewed with the policy)
     */
    public record ExtraStatement(
            @JsonProperty(value = "sid", required = true) String sid,
            @JsonProperty(value = "actions", required = true) List<String> actions,
            @JsonProperty(value = "resources", required = true) List<String> resources,
            @JsonProperty("condition") Map<String, Object> condition,
            @JsonProperty(value = "reason", required = true) String reason) {}

    /**
     * How the application scales (MSF ParallelismConfiguration).
     *
     * @param parallelism the job's parallelism
     * @param parallelismPerKpu parallel tasks per KPU (1 to 8)
     * @param autoScaling whether MSF may raise parallelism on CPU load
     */
    public record Scaling(
            @JsonProperty(value = "parallelism", required = true) int parallelism,
            @JsonProperty(value = "parallelismPerKpu", required = true) int parallelismPerKpu,
            @JsonProperty(value = "autoScaling", required = true) boolean autoScaling) {

        /** KPUs MSF bills for running tasks: ceil(parallelism / per KPU), plus one for the app. */
        public int kpus() {
            return (parallelism + parallelismPerKpu - 1) / parallelismPerKpu + 1;
        }
    }

    /**
     * Checkpointing as MSF runs it (MSF CheckpointConfiguration, CUSTOM).
     *
     * @param intervalMillis checkpoint interval
     * @param minPauseMillis minimum pause between checkpoints
     */
    public record Checkpoints(
            @JsonProperty(value = "intervalMillis", required = true) long intervalMillis,
            @JsonProperty(value = "minPauseMillis", required = true) long minPauseMillis) {}

    /**
     * Alarm thresholds.
     *
     * @param maxLagMillis consumer lag (millisBehindLatest / iterator age) that alarms after 5
     *     minutes above it
     */
    public record Alarms(
            @JsonProperty(value = "maxLagMillis", required = true) long maxLagMillis) {}
}
