package dev.riffle.jobs.anomaly.detector;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.Preconditions;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the keyed detector models each series. Built with {@link #builder()}; {@link Builder#build()}
 * validates. The defaults are the ones tuned once on NAB for every series (see README,
 * "Backtesting"); {@link #kdaCompatible()} reproduces Kinesis Data Analytics' RANDOM_CUT_FOREST
 * defaults.
 */
@PublicEvolving
public final class DetectorSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Which model a series gets. */
    public enum Mode {
        /** The library's thresholded forest: score, grade, expected value, attribution. */
        THRESHOLDED,
        /** KDA's RANDOM_CUT_FOREST: a plain forest's score, 0 during warm-up. */
        KDA
    }

    public static final long RANDOM_SEED = 0x5EED_2026L;

    private final Mode mode;
    private final int numberOfTrees;
    private final int sampleSize;
    private final int shingleSize;
    private final double timeDecay;
    private final double anomalyRate;
    private final int maxLiveModels;
    private final Duration modelTtl;
    private final int snapshotInterval;
    private final int peakWindow;
    private final double alertThreshold;
    private final boolean normalize;

    private DetectorSettings(Builder b) {
        this.mode = b.mode;
        this.numberOfTrees = b.numberOfTrees;
        this.sampleSize = b.sampleSize;
        this.shingleSize = b.shingleSize;
        this.timeDecay = b.timeDecay;
        this.anomalyRate = b.anomalyRate;
        this.maxLiveModels = b.maxLiveModels;
        this.modelTtl = b.modelTtl;
        this.snapshotInterval = b.snapshotInterval;
        this.peakWindow = b.peakWindow;
        this.alertThreshold = b.alertThreshold;
        this.normalize = b.normalize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The tuned defaults. */
    public static DetectorSettings defaults() {
        return builder().build();
    }

    /** KDA's RANDOM_CUT_FOREST: 100 trees, sample 256, time decay 1e-5, shingle 1. */
    public static DetectorSettings kdaCompatible() {
        return builder()
                .mode(Mode.KDA)
                .peakWindow(0)
                .numberOfTrees(100)
                .sampleSize(256)
                .timeDecay(1e-5)
                .shingleSize(1)
                .build();
    }

    public Mode mode() {
        return mode;
    }

    public int numberOfTrees() {
        return numberOfTrees;
    }

    public int sampleSize() {
        return sampleSize;
    }

    public int shingleSize() {
        return shingleSize;
    }

    public double timeDecay() {
        return timeDecay;
    }

    public double anomalyRate() {
        return anomalyRate;
    }

    public int maxLiveModels() {
        return maxLiveModels;
    }

    /** How long an idle series keeps its model; zero means forever. */
    public Duration modelTtl() {
        return modelTtl;
    }

    public int snapshotInterval() {
        return snapshotInterval;
    }

    /**
     * Peak selection: a score counts fully only if it is higher than every score of the series'
     * previous {@code peakWindow} points; otherwise it is halved. One sustained anomaly then raises
     * one alert, not one per point. 0 disables it.
     */
    public int peakWindow() {
        return peakWindow;
    }

    /** The anomaly score (in [0, 1]) from which a point raises an alert. */
    public double alertThreshold() {
        return alertThreshold;
    }

    /** Whether the forest sees values normalised by the series' running mean and deviation. */
    public boolean normalize() {
        return normalize;
    }

    @Override
    public String toString() {
        return String.format(
                "mode=%s, number-of-trees=%d, sample-size=%d, shingle-size=%d, time-decay=%s,"
                        + " anomaly-rate=%s, normalize=%s, peak-window=%d, alert-threshold=%s,"
                        + " max-live-models=%d, model-ttl=%s, snapshot-interval=%d",
                mode,
                numberOfTrees,
                sampleSize,
                shingleSize,
                timeDecay,
                anomalyRate,
                normalize,
                peakWindow,
                alertThreshold,
                maxLiveModels,
                modelTtl,
                snapshotInterval);
    }

    /** Builder with the tuned defaults. */
    @PublicEvolving
    public static final class Builder {
        private Mode mode = Mode.THRESHOLDED;
        private int numberOfTrees = 50;
        private int sampleSize = 256;
        private int shingleSize = 1;
        private double timeDecay = 1e-5;
        private double anomalyRate = 0.005;
        private int maxLiveModels = 1000;
        private Duration modelTtl = Duration.ofDays(7);
        private int snapshotInterval = 1000;
        private int peakWindow = 150;
        private double alertThreshold = 0.72;
        private boolean normalize = false;

        private Builder() {}

        public Builder peakWindow(int peakWindow) {
            this.peakWindow = peakWindow;
            return this;
        }

        public Builder alertThreshold(double alertThreshold) {
            this.alertThreshold = alertThreshold;
            return this;
        }

        public Builder normalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        public Builder numberOfTrees(int numberOfTrees) {
            this.numberOfTrees = numberOfTrees;
            return this;
        }

        public Builder sampleSize(int sampleSize) {
            this.sampleSize = sampleSize;
            return this;
        }

        public Builder shingleSize(int shingleSize) {
            this.shingleSize = shingleSize;
            return this;
        }

        public Builder timeDecay(double timeDecay) {
            this.timeDecay = timeDecay;
            return this;
        }

        public Builder anomalyRate(double anomalyRate) {
            this.anomalyRate = anomalyRate;
            return this;
        }

        public Builder maxLiveModels(int maxLiveModels) {
            this.maxLiveModels = maxLiveModels;
            return this;
        }

        public Builder modelTtl(Duration modelTtl) {
            this.modelTtl = modelTtl;
            return this;
        }

        public Builder snapshotInterval(int snapshotInterval) {
            this.snapshotInterval = snapshotInterval;
            return this;
        }

        public DetectorSettings build() {
            Preconditions.checkNotNull(mode, "mode");
            Preconditions.checkArgument(
                    numberOfTrees >= 1 && numberOfTrees <= 1000,
                    "number-of-trees must be 1 to 1000, was %s",
                    numberOfTrees);
            Preconditions.checkArgument(
                    sampleSize >= 10 && sampleSize <= 2048,
                    "sample-size must be 10 to 2048, was %s",
                    sampleSize);
            Preconditions.checkArgument(
                    shingleSize >= 1 && shingleSize <= 64,
                    "shingle-size must be 1 to 64, was %s",
                    shingleSize);
            Preconditions.checkArgument(
                    timeDecay >= 0 && timeDecay < 1,
                    "time-decay must be in [0, 1), was %s",
                    timeDecay);
            Preconditions.checkArgument(
                    anomalyRate > 0 && anomalyRate < 0.5,
                    "anomaly-rate must be in (0, 0.5), was %s",
                    anomalyRate);
            Preconditions.checkArgument(
                    maxLiveModels >= 1, "max-live-models must be positive, was %s", maxLiveModels);
            Preconditions.checkArgument(
                    modelTtl != null && !modelTtl.isNegative(),
                    "model-ttl must be zero (forever) or positive, was %s",
                    modelTtl);
            Preconditions.checkArgument(
                    snapshotInterval >= 1,
                    "snapshot-interval must be positive, was %s",
                    snapshotInterval);
            Preconditions.checkArgument(
                    peakWindow >= 0 && peakWindow <= 100_000,
                    "peak-window must be 0 to 100000, was %s",
                    peakWindow);
            Preconditions.checkArgument(
                    alertThreshold > 0 && alertThreshold <= 1,
                    "alert-threshold must be in (0, 1], was %s",
                    alertThreshold);
            return new DetectorSettings(this);
        }
    }
}
