package dev.riffle.jobs.anomaly.detector;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Arrays;
import java.util.Objects;

/** A {@link SeriesPoint} with what the detector made of it. A Flink POJO. */
@PublicEvolving
public class ScoredPoint {
    public String key;
    public long timestamp;
    public double value;

    /** The forest's raw score (about 1 for ordinary points; 0 while the model warms up). */
    public double score;

    /** Confidence that the point is an anomaly, in [0, 1]; 0 for ordinary points. */
    public double grade;

    /** The value the model expected instead, or NaN when it has no estimate. */
    public double expected;

    /**
     * The score in [0, 1] written by backtests (NAB's {@code anomaly_score}): the grade for the
     * default detector, a squashed raw score in KDA mode.
     */
    public double anomalyScore;

    /** Share of the score per shingle position, oldest first (the last entry is this point). */
    public double[] attribution;

    public ScoredPoint() {}

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ScoredPoint)) {
            return false;
        }
        ScoredPoint p = (ScoredPoint) o;
        return timestamp == p.timestamp
                && Double.compare(value, p.value) == 0
                && Double.compare(score, p.score) == 0
                && Double.compare(grade, p.grade) == 0
                && Double.compare(expected, p.expected) == 0
                && Double.compare(anomalyScore, p.anomalyScore) == 0
                && Objects.equals(key, p.key)
                && Arrays.equals(attribution, p.attribution);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, timestamp, value, score, grade);
    }

    @Override
    public String toString() {
        return String.format(
                "%s@%d=%s score=%.4f grade=%.4f expected=%s",
                key, timestamp, value, score, grade, expected);
    }
}
