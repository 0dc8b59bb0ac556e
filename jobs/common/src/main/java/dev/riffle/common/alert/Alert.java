package dev.riffle.common.alert;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.Preconditions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One anomaly, in the format shared by every Riffle detector (SQL rules, RCF SQL functions, the
 * DataStream detector).
 *
 * <ul>
 *   <li>{@code what}: the rule or detector that fired, e.g. {@code merchant-spike}, {@code rcf}.
 *   <li>{@code key}: what the alert is about (a merchant, a series, a device).
 *   <li>{@code window}: the event-time interval the observation covers, {@code [start, end)}.
 *   <li>{@code observed}: the value that was seen; {@code expected}: what the detector expected
 *       (absent when it has no estimate).
 *   <li>{@code score}: how anomalous, in the detector's own unit (ratio over the baseline for
 *       rules, RCF score for forests); {@code grade}: a confidence in [0, 1] when the detector has
 *       one.
 *   <li>{@code explanation}: one sentence a person can read; {@code attribution}: per-feature share
 *       of the score (RCF), empty for rules.
 * </ul>
 *
 * <p>{@code alertId} is a hash of what, key and window end: a replay after a failure produces the
 * same id, so consumers of the (at-least-once) alert stream deduplicate on it.
 */
@PublicEvolving
public final class Alert {
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String alertId;
    private final String what;
    private final String key;
    private final Instant windowStart;
    private final Instant windowEnd;
    private final double observed;
    private final Double expected;
    private final double score;
    private final Double grade;
    private final String explanation;
    private final Map<String, Double> attribution;

    private Alert(Builder b) {
        this.what = b.what;
        this.key = b.key;
        this.windowStart = b.windowStart;
        this.windowEnd = b.windowEnd;
        this.observed = b.observed;
        this.expected = b.expected;
        this.score = b.score;
        this.grade = b.grade;
        this.explanation = b.explanation == null ? "" : b.explanation;
        this.attribution = Collections.unmodifiableMap(new LinkedHashMap<>(b.attribution));
        this.alertId = b.alertId != null ? b.alertId : idFor(what, key, windowEnd);
    }

    /** A new builder; {@code what}, {@code key} and the window are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The stable id of an alert: the first 16 bytes, in hex, of the SHA-256 of {@code
     * what|key|windowEnd}, the window end written {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} in UTC. The
     * SQL scripts compute the same with {@code SHA256}, {@code CONCAT_WS} and {@code DATE_FORMAT}.
     */
    public static String idFor(String what, String key, Instant windowEnd) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] digest =
                    md.digest(
                            (what + '|' + key + '|' + ID_TIME.format(windowEnd))
                                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    public String alertId() {
        return alertId;
    }

    public String what() {
        return what;
    }

    public String key() {
        return key;
    }

    public Instant windowStart() {
        return windowStart;
    }

    public Instant windowEnd() {
        return windowEnd;
    }

    public double observed() {
        return observed;
    }

    /** The expected value, or null when the detector has no estimate. */
    public Double expected() {
        return expected;
    }

    public double score() {
        return score;
    }

    /** Confidence in [0, 1], or null when the detector does not grade. */
    public Double grade() {
        return grade;
    }

    public String explanation() {
        return explanation;
    }

    /** Feature name to its share of the score; empty for rules. */
    public Map<String, Double> attribution() {
        return attribution;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Alert)) {
            return false;
        }
        Alert a = (Alert) o;
        return Double.compare(observed, a.observed) == 0
                && Double.compare(score, a.score) == 0
                && alertId.equals(a.alertId)
                && what.equals(a.what)
                && key.equals(a.key)
                && windowStart.equals(a.windowStart)
                && windowEnd.equals(a.windowEnd)
                && Objects.equals(expected, a.expected)
                && Objects.equals(grade, a.grade)
                && explanation.equals(a.explanation)
                && attribution.equals(a.attribution);
    }

    @Override
    public int hashCode() {
        return Objects.hash(alertId, what, key, windowEnd, observed, score);
    }

    @Override
    public String toString() {
        return AlertJson.toJson(this);
    }

    /** Builds an {@link Alert}; {@link #build()} checks the required fields. */
    @PublicEvolving
    public static final class Builder {
        private String alertId;
        private String what;
        private String key;
        private Instant windowStart;
        private Instant windowEnd;
        private double observed = Double.NaN;
        private Double expected;
        private double score = Double.NaN;
        private Double grade;
        private String explanation;
        private final Map<String, Double> attribution = new LinkedHashMap<>();

        private Builder() {}

        /** Overrides the derived id (only for reading alerts back). */
        public Builder alertId(String alertId) {
            this.alertId = alertId;
            return this;
        }

        public Builder what(String what) {
            this.what = what;
            return this;
        }

        public Builder key(String key) {
            this.key = key;
            return this;
        }

        public Builder window(Instant start, Instant end) {
            this.windowStart = start;
            this.windowEnd = end;
            return this;
        }

        public Builder observed(double observed) {
            this.observed = observed;
            return this;
        }

        public Builder expected(Double expected) {
            this.expected = expected == null || expected.isNaN() ? null : expected;
            return this;
        }

        public Builder score(double score) {
            this.score = score;
            return this;
        }

        public Builder grade(Double grade) {
            this.grade = grade;
            return this;
        }

        public Builder explanation(String explanation) {
            this.explanation = explanation;
            return this;
        }

        public Builder attribution(String feature, double share) {
            this.attribution.put(feature, share);
            return this;
        }

        public Builder attribution(Map<String, Double> shares) {
            this.attribution.putAll(shares);
            return this;
        }

        public Alert build() {
            Preconditions.checkArgument(
                    what != null && !what.isEmpty(), "An alert needs 'what' (the rule name)");
            Preconditions.checkArgument(key != null, "Alert '%s' needs a key", what);
            Preconditions.checkArgument(
                    windowStart != null && windowEnd != null,
                    "Alert '%s' for key '%s' needs a window",
                    what,
                    key);
            Preconditions.checkArgument(
                    !windowEnd.isBefore(windowStart),
                    "Alert '%s' for key '%s': window end %s is before its start %s",
                    what,
                    key,
                    windowEnd,
                    windowStart);
            return new Alert(this);
        }
    }
}
