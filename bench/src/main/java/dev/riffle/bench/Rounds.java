package dev.riffle.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rounds that alternate a baseline and ours in one JVM: round 0 warms the JIT up for both sides and
 * is not counted; the median of the counted rounds is each side's figure.
 */
public final class Rounds {
    /** One side of a comparison: runs once and returns its rate. */
    @FunctionalInterface
    public interface Side {
        double run() throws Exception;
    }

    private Rounds() {}

    /**
     * Runs the baseline, then ours, {@code counted + 1} times, printing each round to stderr with
     * {@code unit}; returns {@code {ours, baseline}} medians of the counted rounds.
     */
    public static double[] medians(int counted, String unit, Side baseline, Side ours)
            throws Exception {
        List<Double> oursRates = new ArrayList<>();
        List<Double> baselineRates = new ArrayList<>();
        for (int round = 0; round <= counted; round++) {
            double b = baseline.run();
            double o = ours.run();
            System.err.printf(
                    "round %d: ours=%.0f %s, baseline=%.0f %s%n", round, o, unit, b, unit);
            if (round > 0) {
                baselineRates.add(b);
                oursRates.add(o);
            }
        }
        return new double[] {median(oursRates), median(baselineRates)};
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
