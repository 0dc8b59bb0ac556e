package dev.riffle.connector.kinesis.source.config.internal;

import dev.riffle.connector.kinesis.aws.AwsSettings;
import dev.riffle.connector.kinesis.aws.StreamAddress;
import dev.riffle.connector.kinesis.aws.internal.ConfigProblems;
import dev.riffle.connector.kinesis.source.config.KinesisSourceOptions;
import dev.riffle.connector.kinesis.source.config.KinesisSourceOptions.ConsumerLifecycle;
import dev.riffle.connector.kinesis.source.config.KinesisSourceOptions.InitialPosition;
import dev.riffle.connector.kinesis.source.config.KinesisSourceOptions.ReaderType;
import dev.riffle.connector.kinesis.source.config.KinesisSourceOptions.ShardAssignerType;
import dev.riffle.connector.kinesis.source.split.StartingPosition;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The validated configuration of one Kinesis source; built once, shipped to every task. */
@Internal
public final class SourceSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public final StreamAddress stream;
    public final AwsSettings aws;
    public final InitialPosition initialPosition;

    /** AT_TIMESTAMP's time, or for LATEST the time the source was built. */
    @Nullable public final Instant initialTimestamp;

    public final Duration discoveryInterval;
    public final int maxRecordsPerCall;
    public final ReaderType readerType;
    public final Duration emptyFetchInterval;
    public final Duration nonEmptyFetchInterval;
    public final Duration minCallInterval;
    public final long maxBytesPerSecond;
    public final ShardAssignerType assigner;

    @Nullable public final String efoConsumerName;
    public final ConsumerLifecycle efoLifecycle;
    public final Duration efoSubscriptionTimeout;
    public final Duration efoDescribeMinDelay;
    public final Duration efoDescribeMaxDelay;
    public final int efoDescribeMaxAttempts;

    private SourceSettings(ConfigProblems p, Instant now) {
        this.aws = AwsSettings.parse(p);
        StreamAddress address = StreamAddress.parse(p, aws);
        this.stream = address;
        this.initialPosition =
                p.getEnum(KinesisSourceOptions.STREAM_INITIAL_POSITION, InitialPosition.class);
        this.initialTimestamp = readInitialTimestamp(p, initialPosition, now);
        this.discoveryInterval = positive(p, KinesisSourceOptions.SHARD_DISCOVERY_INTERVAL, false);
        Integer max = p.get(KinesisSourceOptions.SHARD_GET_RECORDS_MAX, "an integer 1 to 10000");
        if (max != null && (max < 1 || max > 10_000)) {
            p.invalid(
                    KinesisSourceOptions.SHARD_GET_RECORDS_MAX.key(),
                    "GetRecords returns 1 to 10000 records",
                    "an integer 1 to 10000");
        }
        this.maxRecordsPerCall = max == null || max < 1 || max > 10_000 ? 10_000 : max;
        this.readerType = p.getEnum(KinesisSourceOptions.READER_TYPE, ReaderType.class);
        this.emptyFetchInterval =
                positive(p, KinesisSourceOptions.READER_EMPTY_RECORDS_FETCH_INTERVAL, true);
        this.nonEmptyFetchInterval =
                positive(p, KinesisSourceOptions.READER_NON_EMPTY_RECORDS_FETCH_INTERVAL, true);
        this.minCallInterval =
                positive(p, KinesisSourceOptions.SHARD_GET_RECORDS_MIN_INTERVAL, true);
        MemorySize bytes =
                p.get(
                        KinesisSourceOptions.SHARD_GET_RECORDS_MAX_BYTES_PER_SECOND,
                        "a memory size such as 2mb, or 0 for no limit");
        this.maxBytesPerSecond = bytes == null ? 0 : bytes.getBytes();
        this.assigner = p.getEnum(KinesisSourceOptions.SHARD_ASSIGNER, ShardAssignerType.class);

        this.efoConsumerName = p.raw(KinesisSourceOptions.EFO_CONSUMER_NAME.key()).orElse(null);
        this.efoLifecycle =
                p.getEnum(KinesisSourceOptions.EFO_CONSUMER_LIFECYCLE, ConsumerLifecycle.class);
        this.efoSubscriptionTimeout =
                positive(p, KinesisSourceOptions.EFO_CONSUMER_SUBSCRIPTION_TIMEOUT, false);
        this.efoDescribeMinDelay =
                positive(p, KinesisSourceOptions.EFO_DESCRIBE_CONSUMER_RETRY_MIN_DELAY, false);
        this.efoDescribeMaxDelay =
                positive(p, KinesisSourceOptions.EFO_DESCRIBE_CONSUMER_RETRY_MAX_DELAY, false);
        Integer attempts =
                p.get(
                        KinesisSourceOptions.EFO_DESCRIBE_CONSUMER_RETRY_MAX_ATTEMPTS,
                        "a positive integer");
        this.efoDescribeMaxAttempts = attempts == null ? 100 : attempts;
        if (readerType == ReaderType.EFO
                && (efoConsumerName == null || efoConsumerName.isBlank())) {
            p.missing(
                    KinesisSourceOptions.EFO_CONSUMER_NAME.key(),
                    "source.reader.type is EFO, which reads through a named consumer");
        }
        if (readerType != ReaderType.EFO && efoConsumerName != null) {
            p.invalid(
                    KinesisSourceOptions.EFO_CONSUMER_NAME.key(),
                    "it is only used when source.reader.type is EFO",
                    "remove it, or set source.reader.type to EFO");
        }
        Set<String> known = new HashSet<>();
        KinesisSourceOptions.all().forEach(o -> known.add(o.key()));
        p.rejectUnknown("source.", known);
        p.rejectUnknown("stream.", Set.of("stream.arn", "stream.name"));
    }

    /**
     * Validates {@code config}, reporting every problem at once.
     *
     * @param now the time LATEST is resolved to: the job's start
     */
    public static SourceSettings from(Map<String, String> config, Instant now) {
        ConfigProblems p = new ConfigProblems(config);
        SourceSettings s = new SourceSettings(p, now);
        p.throwIfAny("Invalid Kinesis source configuration");
        return s;
    }

    /** Where shards known at the start are read from. */
    public StartingPosition initialStartingPosition() {
        switch (initialPosition) {
            case TRIM_HORIZON:
                return StartingPosition.trimHorizon();
            case LATEST:
            case AT_TIMESTAMP:
            default:
                return StartingPosition.atTimestamp(initialTimestamp);
        }
    }

    @Nullable
    private static Instant readInitialTimestamp(
            ConfigProblems p, InitialPosition position, Instant now) {
        String key = KinesisSourceOptions.STREAM_INITIAL_TIMESTAMP.key();
        String raw = p.raw(key).orElse(null);
        if (position == InitialPosition.LATEST) {
            if (raw != null) {
                p.invalid(
                        key,
                        "it is only used when source.init.position is AT_TIMESTAMP",
                        "remove it, or set source.init.position to AT_TIMESTAMP");
            }
            return now;
        }
        if (position != InitialPosition.AT_TIMESTAMP) {
            if (raw != null) {
                p.invalid(
                        key,
                        "it is only used when source.init.position is AT_TIMESTAMP",
                        "remove it, or set source.init.position to AT_TIMESTAMP");
            }
            return null;
        }
        if (raw == null) {
            p.missing(key, "source.init.position is AT_TIMESTAMP, which needs a start time");
            return null;
        }
        String format =
                p.raw(KinesisSourceOptions.STREAM_TIMESTAMP_DATE_FORMAT.key())
                        .orElse(KinesisSourceOptions.STREAM_TIMESTAMP_DATE_FORMAT.defaultValue());
        Instant parsed = parseTimestamp(raw.trim(), format);
        if (parsed == null) {
            p.invalid(
                    key,
                    "it is neither in the format '" + format + "' nor seconds since the epoch",
                    "e.g. 2024-05-01T10:00:00.000Z or 1714557600");
        }
        return parsed;
    }

    @Nullable
    static Instant parseTimestamp(String raw, String format) {
        try {
            double seconds = Double.parseDouble(raw);
            return Instant.ofEpochMilli((long) (seconds * 1000));
        } catch (NumberFormatException notANumber) {
            // try the pattern
        }
        try {
            SimpleDateFormat f = new SimpleDateFormat(format);
            f.setLenient(false);
            return f.parse(raw).toInstant();
        } catch (ParseException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Duration positive(
            ConfigProblems p, ConfigOption<Duration> option, boolean zeroAllowed) {
        String accepted = zeroAllowed ? "a duration >= 0 such as 250 ms" : "a positive duration";
        Duration d = p.get(option, accepted);
        if (d != null && (d.isNegative() || (!zeroAllowed && d.isZero()))) {
            p.invalid(
                    option.key(), zeroAllowed ? "it is negative" : "it must be positive", accepted);
            return option.defaultValue();
        }
        return d == null ? option.defaultValue() : d;
    }
}
