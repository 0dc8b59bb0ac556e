package dev.riffle.jobs.ingestion.config;

import dev.riffle.common.config.OptionSpec;
import dev.riffle.common.config.Validator;
import dev.riffle.jobs.ingestion.process.CidrRange;
import dev.riffle.jobs.ingestion.process.InternalTrafficFilter;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ingestion job's processing settings (property group {@value IngestionOptions#GROUP}),
 * immutable and serializable: they travel with the operators. The job gets them from its loaded
 * {@code JobConfig}, which has already checked them; {@link #from} checks them again with the same
 * validators ({@link IngestionOptions#GROUP_SPEC}) for callers that build a configuration in code.
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

    private IngestionConfig(ReadableConfig c) {
        this.jobName = c.get(IngestionOptions.JOB_NAME);
        this.maxRecordBytes = c.get(IngestionOptions.MAX_RECORD_SIZE).getBytes();
        this.deadLetterMaxRawBytes = c.get(IngestionOptions.DEAD_LETTER_MAX_RAW_SIZE).getBytes();
        this.maxFutureSkew = c.get(IngestionOptions.MAX_FUTURE_SKEW);
        this.dedupeWindow = c.get(IngestionOptions.DEDUPE_WINDOW);
        this.testAccountIds = trimmed(c.get(IngestionOptions.TEST_ACCOUNT_IDS));
        this.testAccountPrefixes = trimmed(c.get(IngestionOptions.TEST_ACCOUNT_PREFIXES));
        this.internalCidrs = trimmed(c.get(IngestionOptions.INTERNAL_CIDRS));
        this.geoDatabase = c.getOptional(IngestionOptions.GEO_DATABASE).orElse(null);
        this.geoCacheSize = c.get(IngestionOptions.GEO_CACHE_SIZE);
    }

    /** All defaults: no filters, no geolocation. */
    public static IngestionConfig defaults() {
        return from(new Configuration());
    }

    /**
     * Reads and checks the settings (keys without the group prefix, e.g. {@code dedupe.window}).
     *
     * @throws IllegalArgumentException listing every invalid key, each as "Invalid value 'V' for
     *     configuration 'ingestion.K': reason. Accepted: ..."
     */
    public static IngestionConfig from(ReadableConfig configuration) {
        List<String> problems = new ArrayList<>();
        for (OptionSpec<?> spec : IngestionOptions.GROUP_SPEC.options()) {
            check(configuration, spec, problems);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "The ingestion job's configuration is invalid:\n  - "
                            + String.join("\n  - ", problems));
        }
        return new IngestionConfig(configuration);
    }

    private static <T> void check(
            ReadableConfig configuration, OptionSpec<T> spec, List<String> problems) {
        ConfigOption<T> option = spec.option();
        Optional<T> value;
        try {
            value = configuration.getOptional(option);
        } catch (IllegalArgumentException e) {
            problems.add(
                    String.format(
                            "Invalid value for configuration '%s.%s': %s",
                            IngestionOptions.GROUP, option.key(), e.getMessage()));
            return;
        }
        if (value.isEmpty()) {
            return;
        }
        for (Validator<? super T> validator : spec.validators()) {
            Optional<String> why = validator.check(value.get());
            if (why.isPresent()) {
                problems.add(
                        String.format(
                                "Invalid value '%s' for configuration '%s.%s': %s. Accepted: %s",
                                value.get(),
                                IngestionOptions.GROUP,
                                option.key(),
                                why.get(),
                                validator.accepted()));
            }
        }
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
