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

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The model of one series. Deterministic: the same points in the same order give the same scores,
 * and {@link #encode()} / {@link #decode} keep everything needed to continue exactly.
 *
 * <p>Bytes: {@code [version 1][forest length int][forest bytes (ForestCodec)][ScoreHistory]}.
 */
@Internal
public abstract class SeriesModel {
    static final byte VERSION = 1;

    /** Scores the point, then learns it. */
    public abstract ScoredPoint process(String key, long timestamp, double value);

    public abstract byte[] encode();

    public static SeriesModel create(DetectorSettings s) {
        ScoreHistory history = new ScoreHistory(s.peakWindow());
        return s.mode() == DetectorSettings.Mode.KDA
                ? new Kda(kdaForest(s), history, s)
                : new Thresholded(thresholded(s), history, s);
    }

    public static SeriesModel decode(DetectorSettings s, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException(
                        "Detector model format version "
                                + version
                                + " is not readable by this build (reads "
                                + VERSION
                                + ")");
            }
            byte[] forest = new byte[in.readInt()];
            in.readFully(forest);
            ScoreHistory history = ScoreHistory.read(in);
            return s.mode() == DetectorSettings.Mode.KDA
                    ? new Kda(ForestCodec.decodeForest(forest), history, s)
                    : new Thresholded(ForestCodec.decodeThresholded(forest), history, s);
        } catch (IOException e) {
            throw new UncheckedIOException("Corrupt detector model", e);
        }
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
                .transformMethod(s.normalize() ? TransformMethod.NORMALIZE : TransformMethod.NONE)
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

    static byte[] encode(byte[] forest, ScoreHistory history) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(forest.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(forest.length);
            out.write(forest);
            history.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Turns a raw forest score into the [0, 1] anomaly score with peak selection, and decides the
     * grade against the alert threshold.
     */
    static ScoredPoint scored(
            String key,
            long timestamp,
            double value,
            double raw,
            ScoreHistory history,
            DetectorSettings s) {
        ScoredPoint p = new ScoredPoint();
        p.key = key;
        p.timestamp = timestamp;
        p.value = value;
        p.score = raw;
        p.expected = history.mean();
        double squashed = raw / (raw + 1);
        boolean peak = !history.enabled() || raw > history.max();
        p.anomalyScore = peak ? squashed : squashed / 2;
        double t = s.alertThreshold();
        p.grade =
                p.anomalyScore >= t ? 0.5 + 0.5 * (p.anomalyScore - t) / Math.max(1e-9, 1 - t) : 0;
        history.add(raw, value);
        return p;
    }

    /** The library's thresholded forest on a univariate, internally shingled series. */
    static final class Thresholded extends SeriesModel {
        private final ThresholdedRandomCutForest forest;
        private final ScoreHistory history;
        private final DetectorSettings settings;

        Thresholded(
                ThresholdedRandomCutForest forest,
                ScoreHistory history,
                DetectorSettings settings) {
            this.forest = forest;
            this.history = history;
            this.settings = settings;
        }

        @Override
        public ScoredPoint process(String key, long timestamp, double value) {
            AnomalyDescriptor d = forest.process(new double[] {value}, timestamp);
            ScoredPoint p = scored(key, timestamp, value, d.getRCFScore(), history, settings);
            if (p.grade > 0) {
                double[][] expected = d.getExpectedValuesList();
                if (d.getAnomalyGrade() > 0
                        && expected != null
                        && expected.length > 0
                        && expected[0].length > 0) {
                    p.expected = expected[0][0];
                }
                DiVector attribution = d.getAttribution();
                if (attribution == null && !settings.normalize()) {
                    attribution = forest.getForest().getAnomalyAttribution(new double[] {value});
                }
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
            return encode(ForestCodec.encode(forest), history);
        }
    }

    /** KDA's RANDOM_CUT_FOREST on one column: raw score, 0 during warm-up. */
    static final class Kda extends SeriesModel {
        private final RandomCutForest forest;
        private final ScoreHistory history;
        private final DetectorSettings settings;

        Kda(RandomCutForest forest, ScoreHistory history, DetectorSettings settings) {
            this.forest = forest;
            this.history = history;
            this.settings = settings;
        }

        @Override
        public ScoredPoint process(String key, long timestamp, double value) {
            double[] point = {value};
            double raw = forest.getAnomalyScore(point);
            forest.update(point);
            return scored(key, timestamp, value, raw, history, settings);
        }

        @Override
        public byte[] encode() {
            return encode(ForestCodec.encode(forest), history);
        }
    }
}
