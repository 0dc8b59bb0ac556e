package dev.riffle.local.demo.sampling;

import java.util.Collection;
import java.util.List;

/** Nearest-rank percentiles of a set of durations in milliseconds. */
public record Percentiles(int count, long p50, long p90, long p99, long max) {
    public static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0);

    public static Percentiles of(Collection<Long> values) {
        if (values.isEmpty()) {
            return NONE;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return new Percentiles(
                sorted.size(),
                rank(sorted, 50),
                rank(sorted, 90),
                rank(sorted, 99),
                sorted.get(sorted.size() - 1));
    }

    /** The smallest value with at least p% of the values at or below it. */
    private static long rank(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** Seconds with one decimal, e.g. {@code 6.2 s}. */
    public static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
