package dev.riffle.testdata;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What traffic to generate. Every random choice derives from {@link #seed}: the same config gives
 * the same records, byte for byte. Build with {@link #builder()}; defaults:
 *
 * <ul>
 *   <li>rate 100 records/s (the mean over a day; the diurnal curve swings it from 0.4x at 03:00 UTC
 *       to 1.6x at 15:00 UTC), duration 10 min, start 2026-03-01T09:00:00Z, seed 42;
 *   <li>200 merchants, 5000 users, 500 devices, Zipf exponent 1.1;
 *   <li>malformed 2%, duplicates 2%, internal 1%;
 *   <li>one anomaly of each kind ({@code anomalies(0)} for none), each lasting 5 min (at most a
 *       fifth of the duration), spread over the run; or, with {@link Builder#anomalyEvery}, a new
 *       anomaly every so often, the kinds taking turns;
 *   <li>kinds: merchant volume spike, checkout error burst, telemetry level shift ({@link
 *       Builder#anomalyKinds} chooses others, e.g. the telemetry limit breach);
 *   <li>test accounts {@code test-NNN}, internal network 10.0.0.0/8 (what the job's filter must be
 *       configured with); oversize records just above 64 KiB (the job's default limit).
 * </ul>
 */
public final class GeneratorConfig {
    final long seed;
    final double ratePerSecond;
    final Duration duration;
    final long maxRecords;
    final Instant start;
    final int merchants;
    final int users;
    final int devices;
    final double zipfExponent;
    final double malformedShare;
    final double duplicateShare;
    final double internalShare;
    final int anomaliesPerKind;
    final Duration anomalyDuration;
    final Duration anomalyEvery;
    final List<String> anomalyKinds;
    final int oversizeBytes;

    /** The kinds injected unless {@link Builder#anomalyKinds} says otherwise, in this order. */
    public static final List<String> DEFAULT_ANOMALY_KINDS =
            List.of(
                    AnomalyLabel.MERCHANT_VOLUME_SPIKE,
                    AnomalyLabel.CHECKOUT_ERROR_BURST,
                    AnomalyLabel.TELEMETRY_LEVEL_SHIFT);

    /** Every kind the generator can inject. */
    public static final List<String> ANOMALY_KINDS =
            List.of(
                    AnomalyLabel.MERCHANT_VOLUME_SPIKE,
                    AnomalyLabel.CHECKOUT_ERROR_BURST,
                    AnomalyLabel.TELEMETRY_LEVEL_SHIFT,
                    AnomalyLabel.TELEMETRY_LIMIT_BREACH);

    private GeneratorConfig(Builder b) {
        this.seed = b.seed;
        this.ratePerSecond = b.ratePerSecond;
        this.duration = b.duration;
        this.maxRecords = b.maxRecords;
        this.start = b.start;
        this.merchants = b.merchants;
        this.users = b.users;
        this.devices = b.devices;
        this.zipfExponent = b.zipfExponent;
        this.malformedShare = b.malformedShare;
        this.duplicateShare = b.duplicateShare;
        this.internalShare = b.internalShare;
        this.anomaliesPerKind = b.anomaliesPerKind;
        this.anomalyDuration = b.anomalyDuration;
        this.anomalyEvery = b.anomalyEvery;
        this.anomalyKinds = List.copyOf(b.anomalyKinds);
        this.oversizeBytes = b.oversizeBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Test account ids start with this; configure the job's filter with it. */
    public static final String TEST_ACCOUNT_PREFIX = "test-";

    /** Internal traffic comes from this network; configure the job's filter with it. */
    public static final String INTERNAL_CIDR = "10.0.0.0/8";

    public long seed() {
        return seed;
    }

    public double ratePerSecond() {
        return ratePerSecond;
    }

    public Duration duration() {
        return duration;
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return start.plus(duration);
    }

    /** Stop after this many records even if the duration is not over; 0 for no limit. */
    public long maxRecords() {
        return maxRecords;
    }

    /** Builder; {@link #build()} checks every value. */
    public static final class Builder {
        private long seed = 42;
        private double ratePerSecond = 100;
        private Duration duration = Duration.ofMinutes(10);
        private long maxRecords = 0;
        private Instant start = Instant.parse("2026-03-01T09:00:00Z");
        private int merchants = 200;
        private int users = 5000;
        private int devices = 500;
        private double zipfExponent = 1.1;
        private double malformedShare = 0.02;
        private double duplicateShare = 0.02;
        private double internalShare = 0.01;
        private int anomaliesPerKind = 1;
        private Duration anomalyDuration = Duration.ofMinutes(5);
        private Duration anomalyEvery;
        private List<String> anomalyKinds = DEFAULT_ANOMALY_KINDS;
        private int oversizeBytes = 64 * 1024;

        private Builder() {}

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Mean records per second of simulated time. */
        public Builder ratePerSecond(double rate) {
            this.ratePerSecond = rate;
            return this;
        }

        /** Simulated time covered. */
        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        public Builder maxRecords(long maxRecords) {
            this.maxRecords = maxRecords;
            return this;
        }

        /** Simulated time of the first record. */
        public Builder start(Instant start) {
            this.start = start;
            return this;
        }

        public Builder population(int merchants, int users, int devices) {
            this.merchants = merchants;
            this.users = users;
            this.devices = devices;
            return this;
        }

        public Builder zipfExponent(double exponent) {
            this.zipfExponent = exponent;
            return this;
        }

        public Builder malformedShare(double share) {
            this.malformedShare = share;
            return this;
        }

        public Builder duplicateShare(double share) {
            this.duplicateShare = share;
            return this;
        }

        public Builder internalShare(double share) {
            this.internalShare = share;
            return this;
        }

        /** How many anomalies of each kind to inject. */
        public Builder anomalies(int perKind) {
            this.anomaliesPerKind = perKind;
            return this;
        }

        public Builder anomalyDuration(Duration duration) {
            this.anomalyDuration = duration;
            return this;
        }

        /**
         * A new anomaly every {@code every} of simulated time (the first one {@code every} after
         * the start), the kinds of {@link #anomalyKinds} taking turns and each kind moving on to
         * the next key (the top 5 merchants; the top 5 devices' metrics), each lasting {@link
         * #anomalyDuration} but at most {@code every}. Replaces {@link #anomalies}: a short run
         * gets anomalies often enough to measure how fast they are caught. {@code null} (the
         * default): {@link #anomalies} of each kind, spread over the run.
         */
        public Builder anomalyEvery(Duration every) {
            this.anomalyEvery = every;
            return this;
        }

        /**
         * Which kinds of anomaly to inject, in turn ({@link AnomalyLabel}'s constants); default
         * {@link #DEFAULT_ANOMALY_KINDS}.
         */
        public Builder anomalyKinds(List<String> kinds) {
            this.anomalyKinds = kinds;
            return this;
        }

        /** The job's record size limit: oversize records are made just above it. */
        public Builder oversizeAbove(int bytes) {
            this.oversizeBytes = bytes;
            return this;
        }

        public GeneratorConfig build() {
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(start, "start");
            check(ratePerSecond > 0, "rate must be positive, got %s", ratePerSecond);
            check(!duration.isNegative() && !duration.isZero(), "duration must be positive");
            check(maxRecords >= 0, "maxRecords must not be negative");
            check(merchants > 0 && users > 0 && devices > 0, "population sizes must be positive");
            check(zipfExponent >= 0, "zipf exponent must not be negative");
            double shares = malformedShare + duplicateShare + internalShare;
            check(
                    malformedShare >= 0 && duplicateShare >= 0 && internalShare >= 0 && shares < 1,
                    "shares must be >= 0 and add up to less than 1, got %s",
                    shares);
            check(anomaliesPerKind >= 0, "anomalies must not be negative");
            Objects.requireNonNull(anomalyKinds, "anomalyKinds");
            check(!anomalyKinds.isEmpty(), "anomaly kinds must not be empty");
            for (String kind : anomalyKinds) {
                check(
                        ANOMALY_KINDS.contains(kind),
                        "unknown anomaly kind '%s'. Accepted: %s",
                        kind,
                        String.join(", ", ANOMALY_KINDS));
            }
            check(
                    anomalyEvery == null || (!anomalyEvery.isNegative() && !anomalyEvery.isZero()),
                    "anomaly interval must be positive, got %s",
                    anomalyEvery);
            check(oversizeBytes > 0, "oversize threshold must be positive");
            return new GeneratorConfig(this);
        }

        private static void check(boolean ok, String message, Object... args) {
            if (!ok) {
                throw new IllegalArgumentException(String.format(message, args));
            }
        }
    }
}
