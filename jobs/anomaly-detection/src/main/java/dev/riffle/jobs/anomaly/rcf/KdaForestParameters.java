package dev.riffle.jobs.anomaly.rcf;

import org.apache.flink.annotation.PublicEvolving;

import com.amazon.randomcutforest.RandomCutForest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The parameters of Kinesis Data Analytics' {@code RANDOM_CUT_FOREST} and {@code
 * RANDOM_CUT_FOREST_WITH_EXPLANATION}, with KDA's defaults and ranges.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>default</th><th>range</th></tr>
 *   <tr><td>numberOfTrees</td><td>100</td><td>1 to 1000</td></tr>
 *   <tr><td>subSampleSize</td><td>256</td><td>10 to 1000, and below timeDecay</td></tr>
 *   <tr><td>timeDecay</td><td>100000</td><td>1 to 2147483647 (records)</td></tr>
 *   <tr><td>shingleSize</td><td>1</td><td>1 to 30</td></tr>
 *   <tr><td>withDirectionality</td><td>false</td><td>true, false</td></tr>
 * </table>
 *
 * <p>KDA's timeDecay is a number of records; the library's is a rate, so the forest gets {@code 1 /
 * timeDecay}. As in KDA, scores are 0 until {@code subSampleSize} records have been seen.
 */
@PublicEvolving
public final class KdaForestParameters implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_NUMBER_OF_TREES = 100;
    public static final int DEFAULT_SUB_SAMPLE_SIZE = 256;
    public static final int DEFAULT_TIME_DECAY = 100_000;
    public static final int DEFAULT_SHINGLE_SIZE = 1;

    /** One fixed seed: the same input always gives the same scores (and replays agree). */
    public static final long RANDOM_SEED = 0x5EED_2026L;

    private final int numberOfTrees;
    private final int subSampleSize;
    private final int timeDecay;
    private final int shingleSize;
    private final boolean withDirectionality;

    private KdaForestParameters(
            int numberOfTrees,
            int subSampleSize,
            int timeDecay,
            int shingleSize,
            boolean withDirectionality) {
        this.numberOfTrees = numberOfTrees;
        this.subSampleSize = subSampleSize;
        this.timeDecay = timeDecay;
        this.shingleSize = shingleSize;
        this.withDirectionality = withDirectionality;
    }

    /** KDA's defaults. */
    public static KdaForestParameters defaults() {
        return of(null, null, null, null, null);
    }

    /**
     * The parameters of one call; null means "use KDA's default".
     *
     * @throws IllegalArgumentException naming every value out of KDA's range
     */
    public static KdaForestParameters of(
            Integer numberOfTrees,
            Integer subSampleSize,
            Integer timeDecay,
            Integer shingleSize,
            Boolean withDirectionality) {
        int trees = Objects.requireNonNullElse(numberOfTrees, DEFAULT_NUMBER_OF_TREES);
        int sample = Objects.requireNonNullElse(subSampleSize, DEFAULT_SUB_SAMPLE_SIZE);
        int decay = Objects.requireNonNullElse(timeDecay, DEFAULT_TIME_DECAY);
        int shingle = Objects.requireNonNullElse(shingleSize, DEFAULT_SHINGLE_SIZE);
        List<String> problems = new ArrayList<>();
        check(problems, "numberOfTrees", trees, 1, 1000);
        check(problems, "subSampleSize", sample, 10, 1000);
        check(problems, "timeDecay", decay, 1, Integer.MAX_VALUE);
        check(problems, "shingleSize", shingle, 1, 30);
        if (problems.isEmpty() && sample >= decay) {
            problems.add(
                    String.format(
                            "Invalid value %d for argument subSampleSize: it must be less than"
                                    + " timeDecay (%d)",
                            sample, decay));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new KdaForestParameters(
                trees, sample, decay, shingle, Boolean.TRUE.equals(withDirectionality));
    }

    private static void check(List<String> problems, String name, int v, int min, int max) {
        if (v < min || v > max) {
            problems.add(
                    String.format(
                            "Invalid value %d for argument %s: out of range. Accepted: %d to %d",
                            v, name, min, max));
        }
    }

    /** A new, empty forest for points of {@code columns} numeric columns. */
    public RandomCutForest newForest(int columns) {
        return RandomCutForest.builder()
                .numberOfTrees(numberOfTrees)
                .sampleSize(subSampleSize)
                .timeDecay(1.0 / timeDecay)
                .shingleSize(shingleSize)
                .internalShinglingEnabled(shingleSize > 1)
                .dimensions(columns * shingleSize)
                .outputAfter(subSampleSize)
                .randomSeed(RANDOM_SEED)
                .parallelExecutionEnabled(false)
                .build();
    }

    public int numberOfTrees() {
        return numberOfTrees;
    }

    public int subSampleSize() {
        return subSampleSize;
    }

    public int timeDecay() {
        return timeDecay;
    }

    public int shingleSize() {
        return shingleSize;
    }

    public boolean withDirectionality() {
        return withDirectionality;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KdaForestParameters)) {
            return false;
        }
        KdaForestParameters p = (KdaForestParameters) o;
        return numberOfTrees == p.numberOfTrees
                && subSampleSize == p.subSampleSize
                && timeDecay == p.timeDecay
                && shingleSize == p.shingleSize
                && withDirectionality == p.withDirectionality;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                numberOfTrees, subSampleSize, timeDecay, shingleSize, withDirectionality);
    }

    @Override
    public String toString() {
        return String.format(
                "numberOfTrees=%d, subSampleSize=%d, timeDecay=%d, shingleSize=%d,"
                        + " withDirectionality=%s",
                numberOfTrees, subSampleSize, timeDecay, shingleSize, withDirectionality);
    }
}
