package dev.riffle.jobs.anomaly.nab;

import org.apache.flink.annotation.PublicEvolving;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * NAB's scorer (numenta/NAB {@code nab/sweeper.py} and {@code optimizer.py}), reimplemented.
 *
 * <ul>
 *   <li>Each point gets a sweep score: inside a labelled window, the scaled sigmoid of its position
 *       (an early detection is worth up to {@code tpWeight}); outside, a false positive costing up
 *       to {@code fpWeight}, less right after a window. Points in the probationary period (the
 *       first 15% of a series, at most 750 points) are not scored.
 *   <li>A threshold turns scores into detections (score &gt;= threshold). Every window is worth its
 *       earliest detection, or {@code -fnWeight} if it has none; every detection outside windows
 *       adds its (negative) sweep score.
 *   <li>One threshold is chosen for the whole corpus, the one with the highest total.
 *   <li>The total is normalised: {@code 100 * (raw - null) / (perfect - null)}, where the null
 *       detector detects nothing and the perfect one detects every window at its first point.
 * </ul>
 */
@PublicEvolving
public final class NabScorer {
    /** NAB's standard application profile. */
    public static final NabScorer STANDARD = new NabScorer(1.0, 0.11, 1.0, 0.15);

    private final double tpWeight;
    private final double fpWeight;
    private final double fnWeight;
    private final double probationPercent;

    public NabScorer(double tpWeight, double fpWeight, double fnWeight, double probationPercent) {
        this.tpWeight = tpWeight;
        this.fpWeight = fpWeight;
        this.fnWeight = fnWeight;
        this.probationPercent = probationPercent;
    }

    /** One scored series: its timestamps (epoch ms, ascending), scores and labelled windows. */
    public static final class Series {
        final String name;
        final long[] timestamps;
        final double[] scores;
        final List<NabWindows.Window> windows;

        public Series(
                String name, long[] timestamps, double[] scores, List<NabWindows.Window> windows) {
            if (timestamps.length != scores.length) {
                throw new IllegalArgumentException(
                        name
                                + ": "
                                + timestamps.length
                                + " timestamps but "
                                + scores.length
                                + " scores");
            }
            this.name = name;
            this.timestamps = timestamps;
            this.scores = scores;
            this.windows = windows;
        }
    }

    /** The outcome on a corpus. */
    public static final class Result {
        public final double normalized;
        public final double raw;
        public final double nullScore;
        public final double perfectScore;
        public final double threshold;
        public final int windows;
        public final int detectedWindows;
        public final int tp;
        public final int fp;
        public final int fn;

        Result(
                double normalized,
                double raw,
                double nullScore,
                double perfectScore,
                double threshold,
                int windows,
                int detectedWindows,
                int tp,
                int fp,
                int fn) {
            this.normalized = normalized;
            this.raw = raw;
            this.nullScore = nullScore;
            this.perfectScore = perfectScore;
            this.threshold = threshold;
            this.windows = windows;
            this.detectedWindows = detectedWindows;
            this.tp = tp;
            this.fp = fp;
            this.fn = fn;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "NAB standard score %.1f (raw %.2f, null %.2f, perfect %.2f, threshold %.4f,"
                            + " windows detected %d of %d, point counts tp=%d fp=%d fn=%d)",
                    normalized,
                    raw,
                    nullScore,
                    perfectScore,
                    threshold,
                    detectedWindows,
                    windows,
                    tp,
                    fp,
                    fn);
        }
    }

    /** A scored point: its score, sweep score and window (null outside, "" in probation). */
    private static final class Point {
        final double score;
        final double sweep;
        final String window;

        Point(double score, double sweep, String window) {
            this.score = score;
            this.sweep = sweep;
            this.window = window;
        }
    }

    private static final String PROBATION = "";

    private static final class ThresholdScore {
        final double threshold;
        final double score;
        final int tp;
        final int fp;
        final int fn;
        final int detectedWindows;

        ThresholdScore(
                double threshold, double score, int tp, int fp, int fn, int detectedWindows) {
            this.threshold = threshold;
            this.score = score;
            this.tp = tp;
            this.fp = fp;
            this.fn = fn;
            this.detectedWindows = detectedWindows;
        }
    }

    static double scaledSigmoid(double relativePosition) {
        if (relativePosition >= 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5 * relativePosition)) - 1.0;
    }

    /** Scores the corpus with its best threshold, normalised against null and perfect. */
    public Result score(List<Series> corpus) {
        ThresholdScore best = best(sweep(corpus));
        List<Series> nothing = new ArrayList<>();
        List<Series> perfect = new ArrayList<>();
        int windows = 0;
        for (Series s : corpus) {
            nothing.add(new Series(s.name, s.timestamps, new double[s.scores.length], s.windows));
            double[] ideal = new double[s.scores.length];
            for (NabWindows.Window w : s.windows) {
                for (int i = 0; i < s.timestamps.length; i++) {
                    if (s.timestamps[i] >= w.start) {
                        ideal[i] = 1.0;
                        break;
                    }
                }
            }
            perfect.add(new Series(s.name, s.timestamps, ideal, s.windows));
            windows += s.windows.size();
        }
        double nullScore = best(sweep(nothing)).score;
        double perfectScore = best(sweep(perfect)).score;
        double normalized = 100 * (best.score - nullScore) / (perfectScore - nullScore);
        return new Result(
                normalized,
                best.score,
                nullScore,
                perfectScore,
                best.threshold,
                windows,
                best.detectedWindows,
                best.tp,
                best.fp,
                best.fn);
    }

    private List<Point> sweep(List<Series> corpus) {
        List<Point> all = new ArrayList<>();
        for (Series s : corpus) {
            all.addAll(sweep(s));
        }
        return all;
    }

    /** NAB's calcSweepScore for one series. */
    private List<Point> sweep(Series s) {
        int n = s.timestamps.length;
        double maxTp = scaledSigmoid(-1.0);
        double probation = Math.min(Math.floor(probationPercent * n), probationPercent * 5000);
        List<Point> points = new ArrayList<>(n);
        int next = 0;
        String curName = null;
        int curRight = -1;
        double curWidth = 0;
        int prevRight = -1;
        double prevWidth = 0;
        for (int i = 0; i < n; i++) {
            long t = s.timestamps[i];
            if (curName == null && next < s.windows.size() && t >= s.windows.get(next).start) {
                NabWindows.Window w = s.windows.get(next++);
                curName = s.name + "|" + w.start;
                curRight = i;
                while (curRight + 1 < n && s.timestamps[curRight + 1] <= w.end) {
                    curRight++;
                }
                curWidth = curRight - i + 1;
            }
            double weighted;
            if (curName != null) {
                double position = -(curRight - i + 1) / curWidth;
                weighted = scaledSigmoid(position) * tpWeight / maxTp;
            } else {
                double position = prevRight < 0 ? 3.0 : Math.abs(prevRight - i) / (prevWidth - 1);
                weighted = scaledSigmoid(position) * fpWeight;
            }
            points.add(new Point(s.scores[i], weighted, i >= probation ? curName : PROBATION));
            if (curName != null && i == curRight) {
                prevRight = i;
                prevWidth = curWidth;
                curName = null;
            }
        }
        return points;
    }

    /** NAB's calcScoreByThreshold over the corpus, keeping the best threshold. */
    private ThresholdScore best(List<Point> points) {
        List<Point> scorable = new ArrayList<>();
        for (Point p : points) {
            if (!PROBATION.equals(p.window)) {
                scorable.add(p);
            }
        }
        scorable.sort(Comparator.comparingDouble((Point p) -> p.score).reversed());
        Map<String, Double> windowScores = new HashMap<>();
        for (Point p : scorable) {
            if (p.window != null) {
                windowScores.put(p.window, -fnWeight);
            }
        }
        double fpTotal = 0;
        double windowTotal = -fnWeight * windowScores.size();
        int tp = 0;
        int fp = 0;
        int fn = (int) scorable.stream().filter(p -> p.window != null).count();
        int detected = 0;
        double threshold = 1.1;
        ThresholdScore best = new ThresholdScore(threshold, windowTotal, 0, 0, fn, 0);
        for (Point p : scorable) {
            if (p.score != threshold) {
                best =
                        better(
                                best,
                                new ThresholdScore(
                                        threshold, windowTotal + fpTotal, tp, fp, fn, detected));
                threshold = p.score;
            }
            if (p.window != null) {
                tp++;
                fn--;
                double old = windowScores.get(p.window);
                if (p.sweep > old) {
                    if (old == -fnWeight) {
                        detected++;
                    }
                    windowScores.put(p.window, p.sweep);
                    windowTotal += p.sweep - old;
                }
            } else {
                fp++;
                fpTotal += p.sweep;
            }
        }
        return better(
                best, new ThresholdScore(threshold, windowTotal + fpTotal, tp, fp, fn, detected));
    }

    private static ThresholdScore better(ThresholdScore a, ThresholdScore b) {
        return b.score > a.score ? b : a;
    }
}
