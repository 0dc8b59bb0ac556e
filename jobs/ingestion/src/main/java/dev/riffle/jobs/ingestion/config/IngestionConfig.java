package dev.riffle.jobs.ingestion.config;

import dev.riffle.jobs.ingestion.process.CidrRange;
import dev.riffle.jobs.ingestion.process.InternalTrafficFilter;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;

import java.io.File;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The ingestion job's processing settings, read once from a {@link Configuration} ({@link
 * IngestionOptions}) and validated: {@link #from} reports every bad key at once. Immutable and
 * serializable (it travels with the operators).
 */
@PublicEvolving
public final class IngestionConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String jobName;
    private final long maxRecordBytes;
    private final long deadLetterMaxRawBytes;
    private final Duration maxFutureSkew;
    private final Duration dedupeWindow;
    private final List<String> testAccountIds;
    private final List<String> testAccountPrefixes;
    private final List<String> internalCidrs;
    private final String geoDatabase;
    private final int geoCacheSize;

    private IngestionConfig(Configuration c) {
        this.jobName = c.get(IngestionOptions.JOB_NAME);
        this.maxRecordBytes = c.get(IngestionOptions.MAX_RECORD_SIZE).getBytes();
        this.deadLetterMaxRawBytes = c.get(IngestionOptions.DEAD_LETTER_MAX_RAW_SIZE).getBytes();
        this.maxFutureSkew = c.get(IngestionOptions.MAX_FUTURE_SKEW);
        this.dedupeWindow = c.get(IngestionOptions.DEDUPE_WINDOW);
        this.testAccountIds = trimmed(c.get(IngestionOptions.TEST_ACCOUNT_IDS));
        this.testAccountPrefixes = trimmed(c.get(IngestionOptions.TEST_ACCOUNT_PREFIXES));
        this.internalCidrs = trimmed(c.get(IngestionOptions.INTERNAL_CIDRS));
        this.geoDatabase = c.get(IngestionOptions.GEO_DATABASE);
        this.geoCacheSize = c.get(IngestionOptions.GEO_CACHE_SIZE);
    }

    /** All defaults: no filters, no geolocation. */
    public static IngestionConfig defaults() {
        return from(new Configuration());
    }

    /**
     * Reads and validates the settings.
     *
     * @throws IllegalArgumentException listing every invalid key, each as "Invalid value V for
     *     configuration K: reason. Accepted: ..."
     */
    public static IngestionConfig from(Configuration configuration) {
        List<String> problems = new ArrayList<>();
        IngestionConfig c = read(configuration, problems);
        if (c != null) {
            c.validate(problems);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "The ingestion job's configuration is invalid:\n  - "
                            + String.join("\n  - ", problems));
        }
        return c;
    }

    private static IngestionConfig read(Configuration configuration, List<String> problems) {
        // Type errors (e.g. "ten" for a duration) surface from Configuration.get; report them
        // per key and keep going so the user sees all problems at once.
        for (ConfigOption<?> o :
                List.of(
                        IngestionOptions.MAX_RECORD_SIZE,
                        IngestionOptions.DEAD_LETTER_MAX_RAW_SIZE,
                        IngestionOptions.MAX_FUTURE_SKEW,
                        IngestionOptions.DEDUPE_WINDOW,
                        IngestionOptions.GEO_CACHE_SIZE)) {
            try {
                configuration.get(o);
            } catch (IllegalArgumentException e) {
                problems.add(
                        invalid(
                                o,
                                configuration.toMap().get(o.key()),
                                "cannot be read",
                                accepted(o)));
            }
        }
        return problems.isEmpty() ? new IngestionConfig(configuration) : null;
    }

    private void validate(List<String> problems) {
        check(
                problems,
                maxRecordBytes > 0 && maxRecordBytes <= 10 * 1024 * 1024,
                IngestionOptions.MAX_RECORD_SIZE,
                new MemorySize(maxRecordBytes),
                () -> "must be more than 0 and at most 10mb (the Kinesis record limit)",
                "a size such as 64kb, 1mb");
        check(
                problems,
                deadLetterMaxRawBytes >= 1024 && deadLetterMaxRawBytes <= 700 * 1024,
                IngestionOptions.DEAD_LETTER_MAX_RAW_SIZE,
                new MemorySize(deadLetterMaxRawBytes),
                () -> "must be from 1kb to 700kb so that a dead letter fits one 1 MiB record",
                "a size such as 256kb");
        check(
                problems,
                !maxFutureSkew.isNegative(),
                IngestionOptions.MAX_FUTURE_SKEW,
                maxFutureSkew,
                () -> "must not be negative",
                "a duration such as 1 h, 10 min");
        check(
                problems,
                dedupeWindow.compareTo(Duration.ofSeconds(1)) >= 0,
                IngestionOptions.DEDUPE_WINDOW,
                dedupeWindow,
                () -> "must be at least 1 s",
                "a duration such as 1 h, 10 min");
        check(
                problems,
                geoCacheSize >= 0,
                IngestionOptions.GEO_CACHE_SIZE,
                geoCacheSize,
                () -> "must not be negative",
                "0 (no cache) or a positive number of entries");
        for (String cidr : internalCidrs) {
            try {
                CidrRange.parse(cidr);
            } catch (IllegalArgumentException e) {
                problems.add(
                        invalid(
                                IngestionOptions.INTERNAL_CIDRS,
                                cidr,
                                e.getMessage(),
                                "CIDR ranges such as 10.0.0.0/8 or fd00::/8, separated by ';'"));
            }
        }
        if (geoDatabase != null
                && !geoDatabase.startsWith("classpath:")
                && !geoDatabase.contains("://")
                && !new File(geoDatabase).isFile()) {
            problems.add(
                    invalid(
                            IngestionOptions.GEO_DATABASE,
                            geoDatabase,
                            "no such file",
                            "a path to a .mmdb file, classpath:NAME, or a file system URI"));
        }
    }

    private static void check(
            List<String> problems,
            boolean ok,
            ConfigOption<?> option,
            Object value,
            Supplier<String> why,
            String accepted) {
        if (!ok) {
            problems.add(invalid(option, value, why.get(), accepted));
        }
    }

    static String invalid(ConfigOption<?> option, Object value, String why, String accepted) {
        return String.format(
                "Invalid value %s for configuration %s: %s. Accepted: %s",
                value, option.key(), why, accepted);
    }

    private static String accepted(ConfigOption<?> o) {
        if (o == IngestionOptions.GEO_CACHE_SIZE) {
            return "a whole number";
        }
        if (o == IngestionOptions.MAX_FUTURE_SKEW || o == IngestionOptions.DEDUPE_WINDOW) {
            return "a duration such as 1 h, 10 min, 30 s";
        }
        return "a size such as 64kb, 1mb";
    }

    private static List<String> trimmed(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                out.add(v.trim());
            }
        }
        return List.copyOf(out);
    }

    /** The filter these settings describe. */
    public InternalTrafficFilter internalTrafficFilter() {
        List<CidrRange> ranges = new ArrayList<>();
        for (String cidr : internalCidrs) {
            ranges.add(CidrRange.parse(cidr));
        }
        Set<String> ids = new HashSet<>(testAccountIds);
        return new InternalTrafficFilter(ids, testAccountPrefixes, ranges);
    }

    public String jobName() {
        return jobName;
    }

    public int maxRecordBytes() {
        return (int) maxRecordBytes;
    }

    public int deadLetterMaxRawBytes() {
        return (int) deadLetterMaxRawBytes;
    }

    public Duration maxFutureSkew() {
        return maxFutureSkew;
    }

    public Duration dedupeWindow() {
        return dedupeWindow;
    }

    public List<String> testAccountIds() {
        return testAccountIds;
    }

    public List<String> testAccountPrefixes() {
        return testAccountPrefixes;
    }

    public List<String> internalCidrs() {
        return internalCidrs;
    }

    /** The geolocation database location, or {@code null} for no enrichment. */
    public String geoDatabase() {
        return geoDatabase;
    }

    public int geoCacheSize() {
        return geoCacheSize;
    }
}
