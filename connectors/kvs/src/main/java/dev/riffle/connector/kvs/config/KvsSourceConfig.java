package dev.riffle.connector.kvs.config;

import dev.riffle.connector.kinesis.aws.AwsSettings;
import dev.riffle.connector.kinesis.aws.internal.ConfigProblems;
import dev.riffle.connector.kvs.StartSelector;
import dev.riffle.connector.kvs.StartSelectorType;
import dev.riffle.connector.kvs.reader.KvsReaderSettings;
import dev.riffle.connector.kvs.split.KvsSplit;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.util.TimeUtils;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The validated KVS source configuration. {@link #from(Map)} reads every key, reports every problem
 * at once ("Invalid value V for configuration K: reason. Accepted: ...") and rejects unknown {@code
 * source.*} and {@code aws.*} keys.
 */
@Internal
public final class KvsSourceConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Pattern KVS_ARN =
            Pattern.compile("arn:aws[a-z-]*:kinesisvideo:([a-z0-9-]+):(\\d{12}):stream/[^/]+/\\d+");
    private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,256}");
    private static final Pattern FRAGMENT_NUMBER = Pattern.compile("[0-9]{1,128}");

    private final List<KvsSplit> splits;
    private final boolean bounded;
    @Nullable private final AwsSettings aws;
    private final KvsReaderSettings reader;

    private KvsSourceConfig(
            List<KvsSplit> splits,
            boolean bounded,
            @Nullable AwsSettings aws,
            KvsReaderSettings reader) {
        this.splits = List.copyOf(splits);
        this.bounded = bounded;
        this.aws = aws;
        this.reader = reader;
    }

    /**
     * Reads and validates a source configuration.
     *
     * @throws org.apache.flink.configuration.IllegalConfigurationException listing every problem
     */
    public static KvsSourceConfig from(Map<String, String> config) {
        ConfigProblems problems = new ConfigProblems(config);
        List<String> arns = list(problems, KvsSourceOptions.STREAM_ARN);
        List<String> names = list(problems, KvsSourceOptions.STREAM_NAME);
        List<String> files = list(problems, KvsSourceOptions.FILE_PATHS);
        boolean bounded = !files.isEmpty();

        String arnRegion = null;
        for (String arn : arns) {
            Matcher m = KVS_ARN.matcher(arn);
            if (!m.matches()) {
                problems.invalid(
                        KvsSourceOptions.STREAM_ARN.key(),
                        "'" + arn + "' is not a Kinesis video stream ARN",
                        "ARNs such as"
                            + " arn:aws:kinesisvideo:us-east-1:123456789012:stream/door/1700000000000");
            } else if (arnRegion == null) {
                arnRegion = m.group(1);
            } else if (!arnRegion.equals(m.group(1))) {
                problems.invalid(
                        KvsSourceOptions.STREAM_ARN.key(),
                        "the streams are in different regions ("
                                + arnRegion
                                + ", "
                                + m.group(1)
                                + ")",
                        "streams of one region per source");
            }
        }
        for (String name : names) {
            if (!STREAM_NAME.matcher(name).matches()) {
                problems.invalid(
                        KvsSourceOptions.STREAM_NAME.key(),
                        "'" + name + "' is not a stream name",
                        "1 to 256 letters, digits, '_', '.' or '-'");
            }
        }
        if (bounded && !(arns.isEmpty() && names.isEmpty())) {
            problems.problem(
                    "Configure either streams (stream.arn, stream.name) or files"
                            + " (source.file.paths), not both: the source is either unbounded or"
                            + " bounded.");
        } else if (!bounded && arns.isEmpty() && names.isEmpty()) {
            problems.missing(
                    KvsSourceOptions.STREAM_ARN.key(),
                    "the source needs streams (stream.arn or stream.name) or files"
                            + " (source.file.paths)");
        }
        if (!names.isEmpty() && arnRegion == null && !config.containsKey("aws.region")) {
            problems.missing("aws.region", "stream.name needs the region of the streams");
        }

        StartSelector selector = selector(problems);
        Boolean frames = problems.get(KvsSourceOptions.FRAMES_ENABLED, "true or false");
        Double rate =
                problems.get(
                        KvsSourceOptions.GET_MEDIA_MAX_CALLS_PER_SECOND,
                        "a number above 0 and at most 5");
        if (rate != null && (rate <= 0 || rate > 5)) {
            problems.invalid(
                    KvsSourceOptions.GET_MEDIA_MAX_CALLS_PER_SECOND.key(),
                    "KVS allows at most 5 GetMedia calls per second per stream",
                    "a number above 0 and at most 5");
        }
        Duration initial = positive(problems, KvsSourceOptions.RETRY_INITIAL_BACKOFF);
        Duration max = positive(problems, KvsSourceOptions.RETRY_MAX_BACKOFF);
        if (initial != null && max != null && max.compareTo(initial) < 0) {
            problems.invalid(
                    KvsSourceOptions.RETRY_MAX_BACKOFF.key(),
                    "it is shorter than source.retry.initial-backoff ("
                            + TimeUtils.formatWithHighestUnit(initial)
                            + ")",
                    "a duration at least as long as the initial backoff");
        }
        Duration idle = positive(problems, KvsSourceOptions.IDLE_RECONNECT_DELAY);

        Set<String> known = new LinkedHashSet<>();
        KvsSourceOptions.all().forEach(o -> known.add(o.key()));
        problems.rejectUnknown("source.", known);
        AwsSettings aws = bounded ? null : AwsSettings.parse(problems);
        problems.throwIfAny("Invalid KVS source configuration");

        List<KvsSplit> splits = new ArrayList<>();
        arns.forEach(a -> splits.add(KvsSplit.stream(a, selector)));
        names.forEach(n -> splits.add(KvsSplit.stream(n, selector)));
        files.forEach(f -> splits.add(KvsSplit.file(f)));
        return new KvsSourceConfig(
                splits,
                bounded,
                aws == null ? null : aws.withRegionIfAbsent(arnRegion),
                new KvsReaderSettings(Boolean.TRUE.equals(frames), rate, initial, max, idle));
    }

    private static StartSelector selector(ConfigProblems problems) {
        StartSelectorType type =
                problems.getEnum(KvsSourceOptions.INIT_POSITION, StartSelectorType.class);
        String fragment = problems.raw(KvsSourceOptions.INIT_FRAGMENT_NUMBER.key()).orElse(null);
        String timestamp = problems.raw(KvsSourceOptions.INIT_TIMESTAMP.key()).orElse(null);
        String token = problems.raw(KvsSourceOptions.INIT_CONTINUATION_TOKEN.key()).orElse(null);
        String why = "source.init.position is " + type + ", which needs it";
        switch (type) {
            case FRAGMENT_NUMBER:
                if (fragment == null) {
                    problems.missing(KvsSourceOptions.INIT_FRAGMENT_NUMBER.key(), why);
                } else if (!FRAGMENT_NUMBER.matcher(fragment.trim()).matches()) {
                    problems.invalid(
                            KvsSourceOptions.INIT_FRAGMENT_NUMBER.key(),
                            "a fragment number is a decimal number",
                            "digits only, as in AWS_KINESISVIDEO_FRAGMENT_NUMBER");
                } else {
                    return StartSelector.fragmentNumber(fragment.trim());
                }
                break;
            case SERVER_TIMESTAMP:
            case PRODUCER_TIMESTAMP:
                Long millis = timestamp == null ? null : epochMillis(timestamp);
                if (timestamp == null) {
                    problems.missing(KvsSourceOptions.INIT_TIMESTAMP.key(), why);
                } else if (millis == null) {
                    problems.invalid(
                            KvsSourceOptions.INIT_TIMESTAMP.key(),
                            "it is neither epoch milliseconds nor an ISO-8601 instant",
                            "e.g. 1700000000000 or 2025-01-31T12:00:00Z");
                } else {
                    return type == StartSelectorType.SERVER_TIMESTAMP
                            ? StartSelector.serverTimestamp(millis)
                            : StartSelector.producerTimestamp(millis);
                }
                break;
            case CONTINUATION_TOKEN:
                if (token == null || token.isBlank()) {
                    problems.missing(KvsSourceOptions.INIT_CONTINUATION_TOKEN.key(), why);
                } else {
                    return StartSelector.continuationToken(token.trim());
                }
                break;
            case EARLIEST:
                return StartSelector.earliest();
            case NOW:
            default:
                return StartSelector.now();
        }
        return StartSelector.now();
    }

    @Nullable
    static Long epochMillis(String value) {
        String v = value.trim();
        if (v.matches("[0-9]{1,15}")) {
            return Long.parseLong(v);
        }
        try {
            return Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<String> list(ConfigProblems problems, ConfigOption<List<String>> option) {
        List<String> values = problems.get(option, "values separated by ';'");
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                if (!v.isBlank()) {
                    out.add(v.trim());
                }
            }
        }
        return out;
    }

    @Nullable
    private static Duration positive(ConfigProblems problems, ConfigOption<Duration> option) {
        String accepted = "a positive duration such as 500 ms or 30 s";
        Duration d = problems.get(option, accepted);
        if (d != null && (d.isZero() || d.isNegative())) {
            problems.invalid(option.key(), "it must be positive", accepted);
            return option.defaultValue();
        }
        return d;
    }

    public List<KvsSplit> splits() {
        return splits;
    }

    public boolean bounded() {
        return bounded;
    }

    /** The AWS settings; null in bounded (file) mode. */
    @Nullable
    public AwsSettings aws() {
        return aws;
    }

    public KvsReaderSettings reader() {
        return reader;
    }
}
