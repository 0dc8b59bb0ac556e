package dev.riffle.jobs.anomaly.detector;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic test series: interleaved keys, a daily-like sine with noise and rare spikes. */
final class TestSeries {
    private TestSeries() {}

    static List<SeriesPoint> interleaved(int keys, int pointsPerKey) {
        List<SeriesPoint> points = new ArrayList<>();
        for (int i = 0; i < pointsPerKey; i++) {
            for (int k = 0; k < keys; k++) {
                Random noise = new Random(i * 31L + k);
                double v =
                        100 * (k + 1)
                                + 10 * Math.sin(i / 24.0)
                                + noise.nextGaussian()
                                + (i % 300 == 299 ? 60 : 0);
                points.add(new SeriesPoint("series-" + k, 60_000L * i, v));
            }
        }
        return points;
    }
}
