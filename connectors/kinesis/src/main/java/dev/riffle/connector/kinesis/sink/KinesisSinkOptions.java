package dev.riffle.connector.kinesis.sink;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

import java.time.Duration;
import java.util.List;

/**
 * The {@code sink.*} options of the Kinesis sink. Keys, meanings and defaults are the official
 * connector's ({@code AsyncSinkConnectorOptions}, {@code KinesisConnectorOptions}) where it has
 * them, so that a table definition moves over unchanged; the others are Riffle's and say so in
 * their description. Sizes accept plain byte counts ({@code 5242880}) as the official connector
 * does, or units ({@code 5 mb}); durations accept milliseconds ({@code 5000}) or units ({@code 5
 * s}).
 */
@PublicEvolving
public final class KinesisSinkOptions {

    private KinesisSinkOptions() {}

    /** PutRecords accepts at most this many entries per request. */
    public static final int MAX_ENTRIES_PER_REQUEST = 500;

    /** The largest record Kinesis accepts on a stream configured for it (data plus key). */
    public static final MemorySize MAX_RECORD_SIZE_LIMIT = MemorySize.parse("10mb");

    /** The largest PutRecords request: 10 MiB when the stream allows 10 MiB records. */
    public static final MemorySize MAX_REQUEST_SIZE_LIMIT = MemorySize.parse("10mb");

    /** A partition key is 1 to 256 Unicode characters. */
    public static final int MAX_PARTITION_KEY_LENGTH = 256;

    public static final ConfigOption<Integer> SINK_BATCH_MAX_SIZE =
            ConfigOptions.key("sink.batch.max-size")
                    .intType()
                    .defaultValue(500)
                    .withDescription(
                            "Most records in one PutRecords request, 1 to 500 (Kinesis' limit).");

    public static final ConfigOption<Integer> SINK_REQUESTS_MAX_INFLIGHT =
            ConfigOptions.key("sink.requests.max-inflight")
                    .intType()
                    .defaultValue(50)
                    .withDescription(
                            "Most PutRecords requests in flight per sink subtask before writes"
                                    + " block.");

    public static final ConfigOption<Integer> SINK_REQUESTS_MAX_BUFFERED =
            ConfigOptions.key("sink.requests.max-buffered")
                    .intType()
                    .defaultValue(10_000)
                    .withDescription(
                            "Most records buffered per sink subtask before writes block"
                                    + " (backpressure); must exceed sink.batch.max-size.");

    public static final ConfigOption<MemorySize> SINK_FLUSH_BUFFER_SIZE =
            ConfigOptions.key("sink.flush-buffer.size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("5mb"))
                    .withDescription(
                            "Buffered bytes (data plus partition keys) that trigger a flush, and"
                                    + " the most bytes in one PutRecords request: 5 MiB by"
                                    + " default, at most 10 MiB, at least sink.record.max-size.");

    public static final ConfigOption<Duration> SINK_FLUSH_BUFFER_TIMEOUT =
            ConfigOptions.key("sink.flush-buffer.timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "Longest time a record waits in the buffer before it is sent.");

    public static final ConfigOption<Boolean> SINK_FAIL_ON_ERROR =
            ConfigOptions.key("sink.fail-on-error")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Fail the job on any failed record, even a throttled one, instead of"
                                    + " retrying it. Errors that can never succeed fail the job (or"
                                    + " go to the dead-letter output) either way.");

    public static final ConfigOption<Duration> SINK_REQUEST_TIMEOUT =
            ConfigOptions.key("sink.request.timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "How long a PutRecords request may take before it is retried (or the"
                                    + " job fails, with sink.fail-on-timeout).");

    public static final ConfigOption<Boolean> SINK_FAIL_ON_TIMEOUT =
            ConfigOptions.key("sink.fail-on-timeout")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Fail the job when a request times out, instead of retrying it.");

    public static final ConfigOption<MemorySize> SINK_RECORD_MAX_SIZE =
            ConfigOptions.key("sink.record.max-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("1mb"))
                    .withDescription(
                            "(Riffle) Largest record, counting its data and its partition key as"
                                + " Kinesis does: 1 MiB by default, up to 10 MiB for streams"
                                + " configured for larger records. A larger record fails the job,"
                                + " or goes to the dead-letter output when one is configured.");

    public static final ConfigOption<String> SINK_PARTITIONER =
            ConfigOptions.key("sink.partitioner")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "How records get their partition key when no generator is given in"
                                    + " code: 'random' (a random key per record), 'fixed' (one key"
                                    + " per sink subtask), or the class name of a"
                                    + " PartitionKeyGenerator with a public no-argument"
                                    + " constructor.");

    public static final ConfigOption<String> SINK_PARTITIONER_FIELD_DELIMITER =
            ConfigOptions.key("sink.partitioner-field-delimiter")
                    .stringType()
                    .defaultValue("|")
                    .withDescription(
                            "Joins the fields of a SQL table's PARTITIONED BY clause into the"
                                    + " partition key.");

    public static final ConfigOption<String> SINK_DEAD_LETTER_STREAM_ARN =
            ConfigOptions.key("sink.dead-letter.stream.arn")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "(Riffle) ARN of a stream that receives records Kinesis will never"
                                + " accept (too large, invalid key, rejected as invalid) as JSON"
                                + " dead letters, instead of failing the job. Same account settings"
                                + " (aws.*) as the sink's stream.");

    public static final ConfigOption<String> SINK_DEAD_LETTER_STREAM_NAME =
            ConfigOptions.key("sink.dead-letter.stream.name")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "(Riffle) Name of the dead-letter stream, in aws.region; set this or"
                                    + " sink.dead-letter.stream.arn.");

    public static final ConfigOption<Duration> SINK_RETRY_INITIAL_BACKOFF =
            ConfigOptions.key("sink.retry.initial-backoff")
                    .durationType()
                    .defaultValue(Duration.ofMillis(50))
                    .withDescription(
                            "(Riffle) Wait before resending records that were throttled or hit an"
                                + " internal error; doubles with each failed attempt in a row.");

    public static final ConfigOption<Duration> SINK_RETRY_MAX_BACKOFF =
            ConfigOptions.key("sink.retry.max-backoff")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(2))
                    .withDescription("(Riffle) Longest wait before resending failed records.");

    public static final ConfigOption<Integer> SINK_RETRY_MAX_CLIENT_FAILURES =
            ConfigOptions.key("sink.retry.max-client-failures")
                    .intType()
                    .defaultValue(20)
                    .withDescription(
                            "(Riffle) Requests in a row that may fail without an answer from"
                                    + " Kinesis (network, TLS or protocol errors, timeouts of the"
                                    + " HTTP client) before the job fails with the last error;"
                                    + " any answer resets the count. Throttling and Kinesis'"
                                    + " internal errors are retried without limit.");

    /** Every sink option, in documentation order. */
    public static List<ConfigOption<?>> all() {
        return List.of(
                SINK_BATCH_MAX_SIZE,
                SINK_REQUESTS_MAX_INFLIGHT,
                SINK_REQUESTS_MAX_BUFFERED,
                SINK_FLUSH_BUFFER_SIZE,
                SINK_FLUSH_BUFFER_TIMEOUT,
                SINK_FAIL_ON_ERROR,
                SINK_REQUEST_TIMEOUT,
                SINK_FAIL_ON_TIMEOUT,
                SINK_RECORD_MAX_SIZE,
                SINK_PARTITIONER,
                SINK_PARTITIONER_FIELD_DELIMITER,
                SINK_DEAD_LETTER_STREAM_ARN,
                SINK_DEAD_LETTER_STREAM_NAME,
                SINK_RETRY_INITIAL_BACKOFF,
                SINK_RETRY_MAX_BACKOFF,
                SINK_RETRY_MAX_CLIENT_FAILURES);
    }
}
