package dev.riffle.jobs.anomaly.detector;

import dev.riffle.jobs.anomaly.rcf.ForestCodec;

import org.apache.flink.annotation.Internal;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.config.ForestMode;
import com.amazon.randomcutforest.config.Precision;
import com.amazon.randomcutforest.config.TransformMethod;
import com.amazon.randomcutforest.parkservices.AnomalyDescriptor;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import com.amazon.randomcutforest.returntypes.DiVector;

/**
 * The model of one series. Deterministic: the same points in the same order give the same scores,
 * and {@link #encode()} / {@link #decode} keep everything needed to continue exactly.
 */
@Internal
public abstract class SeriesModel {

    /** Scores the point, then learns it. */
    public abstract ScoredPoint process(String key, long timestamp, double value);

    public abstract byte[] encode();

    public static SeriesModel create(DetectorSettings s) {
        return s.mode() == DetectorSettings.Mode.KDA
                ? new Kda(kdaForest(s), s.sampleSize())
                : new Thresholded(thresholded(s));
    }

    public static SeriesModel decode(DetectorSettings s, byte[] bytes) {
        return s.mode() == DetectorSettings.Mode.KDA
                ? new Kda(ForestCodec.decodeForest(bytes), s.sampleSize())
                : new Thresholded(ForestCodec.decodeThresholded(bytes));
    }

    static ThresholdedRandomCutForest thresholded(DetectorSettings s) {
        return ThresholdedRandomCutForest.builder()
                .dimensions(s.shingleSize())
                .shingleSize(s.shingleSize())
                .internalShinglingEnabled(true)
                .numberOfTrees(s.numberOfTrees())
                .sampleSize(s.sampleSize())
                .timeDecay(s.timeDecay())
                .anomalyRate(s.anomalyRate())
                .forestMode(ForestMode.STANDARD)
                .transformMethod(TransformMethod.NORMALIZE)
                .precision(Precision.FLOAT_32)
                .randomSeed(DetectorSettings.RANDOM_SEED)
                .parallelExecutionEnabled(false)
                .build();
    }

    static RandomCutForest kdaForest(DetectorSettings s) {
        return RandomCutForest.builder()
                .dimensions(s.shingleSize())
                .shingleSize(s.shingleSize())
                .internalShinglingEnabled(s.shingleSize() > 1)
                .numberOfTrees(s.numberOfTrees())
                .sampleSize(s.sampleSize())
                .timeDecay(s.timeDecay())
                .outputAfter(s.sampleSize())
                .randomSeed(DetectorSettings.RANDOM_SEED)
                .parallelExecutionEnabled(false)
                .build();
    }

    static ScoredPoint point(String key, long timestamp, double value) {
        ScoredPoint p = new ScoredPoint();
        p.key = key;
        p.timestamp = timestamp;
        p.value = value;
        p.expected = Double.NaN;
        return p;
    }

    /** The library's thresholded forest on a univariate, internally shingled series. */
    static final class Thresholded extends SeriesModel {
        private final ThresholdedRandomCutForest forest;

        Thresholded(ThresholdedRandomCutForest forest) {
            this.forest = forest;
        }

        @Override
        public ScoredPoint process(String key, long timestamp, double value) {
            AnomalyDescriptor d = forest.process(new double[] {value}, timestamp);
            ScoredPoint p = point(key, timestamp, value);
            p.score = d.getRCFScore();
            p.grade = d.getAnomalyGrade();
            p.anomalyScore = p.grade;
            if (p.grade > 0) {
                double[][] expected = d.getExpectedValuesList();
                if (expected != null && expected.length > 0 && expected[0].length > 0) {
                    p.expected = expected[0][0];
                }
                DiVector attribution = d.getAttribution();
                if (attribution != null) {
                    p.attribution = new double[attribution.getDimensions()];
                    for (int i = 0; i < p.attribution.length; i++) {
                        p.attribution[i] = attribution.getHighLowSum(i);
                    }
                }
            }
            return p;
        }

        @Override
        public byte[] encode() {
            return ForestCodec.encode(forest);
        }
    }

    /** KDA's RANDOM_CUT_FOREST on one column: raw score, 0 during warm-up. */
    static final class Kda extends SeriesModel {
        private final RandomCutForest forest;
        private final int sampleSize;

        Kda(RandomCutForest forest, int sampleSize) {
            this.forest = forest;
            this.sampleSize = sampleSize;
        }

        @Override
        public ScoredPoint process(String key, long timestamp, double value) {
            double[] point = {value};
            double score = forest.getAnomalyScore(point);
            forest.update(point);
            ScoredPoint p = point(key, timestamp, value);
            p.score = score;
            // KDA scores are unbounded (about 1 for ordinary points); NAB wants [0, 1]. Any
            // increasing map works because NAB picks one threshold over the whole corpus.
            p.anomalyScore = score / (score + 1);
            return p;
        }

        @Override
        public byte[] encode() {
            return ForestCodec.encode(forest);
        }

        int sampleSize() {
            return sampleSize;
        }
    }
}
