package dev.riffle.connector.kinesis.sink.internal;

import dev.riffle.connector.kinesis.aws.AwsSettings;
import dev.riffle.connector.kinesis.aws.StreamAddress;
import dev.riffle.connector.kinesis.aws.internal.ConfigProblems;
import dev.riffle.connector.kinesis.sink.KinesisSinkOptions;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;

import software.amazon.awssdk.arns.Arn;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The validated configuration of one Kinesis sink; built once, shipped to every subtask. */
@Internal
public final class SinkSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final String SIZE_ACCEPTED_FLUSH =
            "a size from sink.record.max-size to 10 mb, e.g. 5242880 or 5 mb";

    public final StreamAddress stream;
    public final AwsSettings aws;
    public final int maxBatchSize;
    public final int maxInFlightRequests;
    public final int maxBufferedRequests;
    public final long maxBatchSizeInBytes;
    public final Duration maxTimeInBuffer;
    public final boolean failOnError;
    public final Duration requestTimeout;
    public final boolean failOnTimeout;
    public final long maxRecordSizeInBytes;
    @Nullable public final String partitioner;
    public final String partitionerFieldDelimiter;
    @Nullable public final StreamAddress deadLetterStream;
    public final Duration retryInitialBackoff;
    public final Duration retryMaxBackoff;
    public final int maxClientFailures;

    private SinkSettings(ConfigProblems p) {
        this.aws = AwsSettings.parse(p);
        this.stream = StreamAddress.parse(p, aws);
        this.maxBatchSize =
                intIn(
                        p,
                        KinesisSinkOptions.SINK_BATCH_MAX_SIZE,
                        1,
                        500,
                        "PutRecords takes 1 to" + " 500 records");
        this.maxInFlightRequests =
                intIn(
                        p,
                        KinesisSinkOptions.SINK_REQUESTS_MAX_INFLIGHT,
                        1,
                        10_000,
                        "it must be" + " positive");
        int buffered =
                intIn(
                        p,
                        KinesisSinkOptions.SINK_REQUESTS_MAX_BUFFERED,
                        1,
                        Integer.MAX_VALUE,
                        "it must be positive");
        if (p.isSet(KinesisSinkOptions.SINK_REQUESTS_MAX_BUFFERED) && buffered <= maxBatchSize) {
            p.invalid(
                    KinesisSinkOptions.SINK_REQUESTS_MAX_BUFFERED.key(),
                    "it must be greater than sink.batch.max-size (" + maxBatchSize + ")",
                    "an integer greater than " + maxBatchSize);
        }
        this.maxBufferedRequests = Math.max(buffered, maxBatchSize + 1);
        this.maxRecordSizeInBytes =
                size(
                        p,
                        KinesisSinkOptions.SINK_RECORD_MAX_SIZE,
                        KinesisSinkOptions.MAX_RECORD_SIZE_LIMIT.getBytes(),
                        "Kinesis accepts records of at most 10 MiB",
                        "a size from 1 byte to 10 mb, e.g. 1 mb");
        long flush =
                size(
                        p,
                        KinesisSinkOptions.SINK_FLUSH_BUFFER_SIZE,
                        KinesisSinkOptions.MAX_REQUEST_SIZE_LIMIT.getBytes(),
                        "a PutRecords request carries at most 10 MiB",
                        SIZE_ACCEPTED_FLUSH);
        if (flush > 0 && maxRecordSizeInBytes > 0 && flush < maxRecordSizeInBytes) {
            p.invalid(
                    KinesisSinkOptions.SINK_RECORD_MAX_SIZE.key(),
                    "it exceeds sink.flush-buffer.size ("
                            + flush
                            + " bytes), the most one PutRecords request carries",
                    "at most sink.flush-buffer.size; for larger records raise"
                            + " sink.flush-buffer.size as well (up to 10 mb)");
        }
        this.maxBatchSizeInBytes = Math.max(flush, Math.max(1, maxRecordSizeInBytes));
        this.maxTimeInBuffer = positive(p, KinesisSinkOptions.SINK_FLUSH_BUFFER_TIMEOUT);
        this.failOnError =
                Boolean.TRUE.equals(p.get(KinesisSinkOptions.SINK_FAIL_ON_ERROR, "true or false"));
        this.requestTimeout = positive(p, KinesisSinkOptions.SINK_REQUEST_TIMEOUT);
        this.failOnTimeout =
                Boolean.TRUE.equals(
                        p.get(KinesisSinkOptions.SINK_FAIL_ON_TIMEOUT, "true or false"));
        this.partitioner = readPartitioner(p);
        this.partitionerFieldDelimiter =
                p.raw(KinesisSinkOptions.SINK_PARTITIONER_FIELD_DELIMITER.key())
                        .orElse(KinesisSinkOptions.SINK_PARTITIONER_FIELD_DELIMITER.defaultValue());
        this.deadLetterStream = readDeadLetterStream(p, aws, stream);
        this.retryInitialBackoff = positive(p, KinesisSinkOptions.SINK_RETRY_INITIAL_BACKOFF);
        Duration max = positive(p, KinesisSinkOptions.SINK_RETRY_MAX_BACKOFF);
        if (max.compareTo(retryInitialBackoff) < 0) {
            p.invalid(
                    KinesisSinkOptions.SINK_RETRY_MAX_BACKOFF.key(),
                    "it is shorter than sink.retry.initial-backoff",
                    "a duration of at least sink.retry.initial-backoff");
        }
        this.retryMaxBackoff = max;
        this.maxClientFailures =
                intIn(
                        p,
                        KinesisSinkOptions.SINK_RETRY_MAX_CLIENT_FAILURES,
                        1,
                        Integer.MAX_VALUE,
                        "it must be positive");

        Set<String> known = new HashSet<>();
        KinesisSinkOptions.all().forEach(o -> known.add(o.key()));
        p.rejectUnknown("sink.", known);
        p.rejectUnknown("stream.", Set.of("stream.arn", "stream.name"));
    }

    /**
     * Validates {@code config}, reporting every problem at once. Keys under {@code aws.}, {@code
     * stream.} and {@code sink.} are checked; any other key is rejected as not a sink option.
     *
     * @throws org.apache.flink.configuration.IllegalConfigurationException listing every problem
     */
    public static SinkSettings from(Map<String, String> config) {
        ConfigProblems p = new ConfigProblems(config);
        SinkSettings s = new SinkSettings(p);
        for (String key : new TreeSet<>(config.keySet())) {
            if (!key.startsWith("aws.") && !key.startsWith("stream.") && !key.startsWith("sink.")) {
                p.invalid(
                        key,
                        "it is not a Kinesis sink option",
                        "keys under aws., stream. and sink. (see KinesisSinkOptions)");
            }
        }
        p.throwIfAny("Invalid Kinesis sink configuration");
        return s;
    }

    private static int intIn(
            ConfigProblems p, ConfigOption<Integer> option, int min, int max, String why) {
        String accepted =
                max == Integer.MAX_VALUE
                        ? "an integer of at least " + min
                        : "an integer from " + min + " to " + max;
        Integer v = p.get(option, accepted);
        if (v == null) {
            return option.defaultValue();
        }
        if (v < min || v > max) {
            p.invalid(option.key(), why, accepted);
            return option.defaultValue();
        }
        return v;
    }

    private static long size(
            ConfigProblems p,
            ConfigOption<MemorySize> option,
            long max,
            String why,
            String accepted) {
        MemorySize v = p.get(option, accepted);
        if (v == null) {
            return option.defaultValue().getBytes();
        }
        if (v.getBytes() <= 0) {
            p.invalid(option.key(), "it must be positive", accepted);
            return option.defaultValue().getBytes();
        }
        if (v.getBytes() > max) {
            p.invalid(option.key(), why, accepted);
            return option.defaultValue().getBytes();
        }
        return v.getBytes();
    }

    private static Duration positive(ConfigProblems p, ConfigOption<Duration> option) {
        String accepted = "a positive duration such as 5000 (milliseconds) or 5 s";
        Duration d = p.get(option, accepted);
        if (d == null) {
            return option.defaultValue();
        }
        if (d.isNegative() || d.isZero()) {
            p.invalid(option.key(), "it must be positive", accepted);
            return option.defaultValue();
        }
        return d;
    }

    @Nullable
    private static String readPartitioner(ConfigProblems p) {
        Optional<String> raw = p.raw(KinesisSinkOptions.SINK_PARTITIONER.key()).map(String::trim);
        if (raw.isEmpty()) {
            return null;
        }
        String v = raw.get();
        if (v.equalsIgnoreCase("random") || v.equalsIgnoreCase("fixed")) {
            return v.toLowerCase(java.util.Locale.ROOT);
        }
        if (!v.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
            p.invalid(
                    KinesisSinkOptions.SINK_PARTITIONER.key(),
                    "it is neither random, fixed nor a class name",
                    "random, fixed, or the class name of a PartitionKeyGenerator");
        }
        return v;
    }

    @Nullable
    private static StreamAddress readDeadLetterStream(
            ConfigProblems p, AwsSettings aws, @Nullable StreamAddress main) {
        String arnKey = KinesisSinkOptions.SINK_DEAD_LETTER_STREAM_ARN.key();
        String nameKey = KinesisSinkOptions.SINK_DEAD_LETTER_STREAM_NAME.key();
        Optional<String> arn = p.raw(arnKey).map(String::trim);
        Optional<String> name = p.raw(nameKey).map(String::trim);
        if (arn.isPresent() && name.isPresent()) {
            p.problem("Both " + arnKey + " and " + nameKey + " are set: set at most one of them.");
            return null;
        }
        StreamAddress address = null;
        if (arn.isPresent()) {
            try {
                Arn a = Arn.fromString(arn.get());
                if (!"kinesis".equals(a.service())
                        || !a.resource().resourceType().map("stream"::equals).orElse(false)
                        || a.region().isEmpty()) {
                    throw new IllegalArgumentException("not a stream ARN");
                }
                address = StreamAddress.ofArn(arn.get());
            } catch (IllegalArgumentException e) {
                p.invalid(
                        arnKey,
                        "it is not the ARN of a Kinesis data stream",
                        "an ARN such as"
                                + " arn:aws:kinesis:us-east-1:123456789012:stream/dead-letters");
                return null;
            }
        } else if (name.isPresent()) {
            if (!name.get().matches("[a-zA-Z0-9_.-]{1,128}")) {
                p.invalid(
                        nameKey,
                        "it is not a Kinesis stream name",
                        "1 to 128 letters, digits, '_', '-' or '.'");
                return null;
            }
            String region = aws.region().orElse(main == null ? null : main.region());
            if (region == null) {
                p.missing(
                        "aws.region",
                        nameKey + " is set, and a stream name alone does not say where it is");
                return null;
            }
            address = StreamAddress.ofName(name.get(), region);
        }
        if (address != null
                && main != null
                && address.name().equals(main.name())
                && address.region().equals(main.region())) {
            p.invalid(
                    arn.isPresent() ? arnKey : nameKey,
                    "it is the sink's own stream, where a rejected record would be rejected again",
                    "a different stream");
            return null;
        }
        return address;
    }
}
