package dev.riffle.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a benchmark measured: our value and the baseline's for one metric, plus optional extra
 * figures (for example bytes per row) printed after the ratio.
 *
 * <p>{@link #line()} renders the one line the project publishes: {@code BENCH <name>
 * <metric>=<ours> baseline=<theirs> ratio=<ours/theirs>}. A benchmark without a baseline (an
 * absolute figure) leaves the baseline out and prints no ratio.
 */
public final class BenchResult {
    private final String name;
    private final String metric;
    private final double ours;
    private final Double baseline;
    private final Map<String, String> extras = new LinkedHashMap<>();

    private BenchResult(String name, String metric, double ours, Double baseline) {
        this.name = name;
        this.metric = metric;
        this.ours = ours;
        this.baseline = baseline;
    }

    /** A result compared with a baseline measured in the same run. */
    public static BenchResult compared(String name, String metric, double ours, double baseline) {
        return new BenchResult(name, metric, ours, baseline);
    }

    /** An absolute figure with no baseline. */
    public static BenchResult absolute(String name, String metric, double ours) {
        return new BenchResult(name, metric, ours, null);
    }

    /** Adds a figure printed after the main ones, e.g. {@code with("bytes_per_row", 41.2)}. */
    public BenchResult with(String key, double value) {
        extras.put(key, format(value));
        return this;
    }

    public double ours() {
        return ours;
    }

    /** ours / baseline, or NaN without a baseline. */
    public double ratio() {
        return baseline == null || baseline == 0 ? Double.NaN : ours / baseline;
    }

    /** The published line. */
    public String line() {
        StringBuilder sb = new StringBuilder("BENCH ").append(name).append(' ');
        sb.append(metric).append('=').append(format(ours));
        if (baseline != null) {
            sb.append(" baseline=").append(format(baseline));
            sb.append(" ratio=").append(String.format(Locale.ROOT, "%.3f", ratio()));
        }
        extras.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    private static String format(double v) {
        if (Math.abs(v) >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    @Override
    public String toString() {
        return line();
    }
}
