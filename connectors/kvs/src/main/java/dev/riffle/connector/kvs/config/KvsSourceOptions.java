package dev.riffle.connector.kvs.config;

import dev.riffle.connector.kvs.StartSelectorType;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;
import java.util.List;

/**
 * Options of the KVS source. The connection settings are the shared {@code aws.*} options of {@link
 * dev.riffle.connector.kinesis.aws.AwsConfigOptions}; {@code stream.arn} and {@code stream.name}
 * are the Kinesis connector's keys, taking several streams here.
 */
@PublicEvolving
public final class KvsSourceOptions {
    private KvsSourceOptions() {}

    public static final ConfigOption<List<String>> STREAM_ARN =
            ConfigOptions.key("stream.arn")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "ARNs of the Kinesis video streams to read, separated by ';', e.g."
                                + " arn:aws:kinesisvideo:us-east-1:123456789012:stream/door/1700000000000."
                                + " Each stream is read by one reader over one GetMedia"
                                + " connection.");

    public static final ConfigOption<List<String>> STREAM_NAME =
            ConfigOptions.key("stream.name")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Names of the Kinesis video streams to read, separated by ';'; needs"
                                    + " aws.region. May be combined with stream.arn.");

    public static final ConfigOption<List<String>> FILE_PATHS =
            ConfigOptions.key("source.file.paths")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Bounded mode: MKV files to read instead of streams, separated by ';'"
                                    + " (local paths or any Flink file system URI such as"
                                    + " s3://bucket/key.mkv). The source ends after the last"
                                    + " fragment of the last file.");

    public static final ConfigOption<StartSelectorType> INIT_POSITION =
            ConfigOptions.key("source.init.position")
                    .enumType(StartSelectorType.class)
                    .defaultValue(StartSelectorType.NOW)
                    .withDescription(
                            "Where a stream without a checkpointed position starts: NOW, EARLIEST,"
                                + " FRAGMENT_NUMBER (source.init.fragment-number), SERVER_TIMESTAMP"
                                + " or PRODUCER_TIMESTAMP (source.init.timestamp),"
                                + " CONTINUATION_TOKEN (source.init.continuation-token).");

    public static final ConfigOption<String> INIT_FRAGMENT_NUMBER =
            ConfigOptions.key("source.init.fragment-number")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("First fragment to read (inclusive) with FRAGMENT_NUMBER.");

    public static final ConfigOption<String> INIT_TIMESTAMP =
            ConfigOptions.key("source.init.timestamp")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Start time with SERVER_TIMESTAMP or PRODUCER_TIMESTAMP: epoch"
                                    + " milliseconds or an ISO-8601 instant such as"
                                    + " 2025-01-31T12:00:00Z.");

    public static final ConfigOption<String> INIT_CONTINUATION_TOKEN =
            ConfigOptions.key("source.init.continuation-token")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Continuation token to start after, with CONTINUATION_TOKEN.");

    public static final ConfigOption<Boolean> FRAMES_ENABLED =
            ConfigOptions.key("source.frames.enabled")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Also emit each fragment's frame metadata (track, timecode, size, key"
                                    + " frame). Nothing is decoded either way.");

    public static final ConfigOption<Double> GET_MEDIA_MAX_CALLS_PER_SECOND =
            ConfigOptions.key("source.get-media.max-calls-per-second")
                    .doubleType()
                    .defaultValue(5.0)
                    .withDescription(
                            "Most GetMedia calls per second per stream (KVS allows 5). Reconnects"
                                    + " never go faster.");

    public static final ConfigOption<Duration> RETRY_INITIAL_BACKOFF =
            ConfigOptions.key("source.retry.initial-backoff")
                    .durationType()
                    .defaultValue(Duration.ofMillis(500))
                    .withDescription(
                            "First wait after a failed or cut GetMedia; doubles per failure.");

    public static final ConfigOption<Duration> RETRY_MAX_BACKOFF =
            ConfigOptions.key("source.retry.max-backoff")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription("Longest wait between GetMedia retries.");

    public static final ConfigOption<Duration> IDLE_RECONNECT_DELAY =
            ConfigOptions.key("source.idle.reconnect-delay")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription(
                            "Wait before reconnecting after a GetMedia response that ended without"
                                    + " a fragment (an idle stream).");

    /** Every option of the source, in documentation order (without the aws.* ones). */
    public static List<ConfigOption<?>> all() {
        return List.of(
                STREAM_ARN,
                STREAM_NAME,
                FILE_PATHS,
                INIT_POSITION,
                INIT_FRAGMENT_NUMBER,
                INIT_TIMESTAMP,
                INIT_CONTINUATION_TOKEN,
                FRAMES_ENABLED,
                GET_MEDIA_MAX_CALLS_PER_SECOND,
                RETRY_INITIAL_BACKOFF,
                RETRY_MAX_BACKOFF,
                IDLE_RECONNECT_DELAY);
    }
}
