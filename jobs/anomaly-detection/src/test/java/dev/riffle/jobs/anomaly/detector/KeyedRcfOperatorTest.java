package dev.riffle.jobs.anomaly.detector;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyedRcfOperatorTest {
    private static final List<SeriesPoint> POINTS = TestSeries.interleaved(3, 400);

    private static DetectorSettings settings(int maxLiveModels) {
        return DetectorSettings.builder()
                .numberOfTrees(20)
                .sampleSize(64)
                .shingleSize(4)
                .timeDecay(1.0 / 640)
                .snapshotInterval(50)
                .maxLiveModels(maxLiveModels)
                .modelTtl(Duration.ZERO)
                .build();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, SeriesPoint, ScoredPoint> harness(
            DetectorSettings settings) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedRcfOperator(settings), p -> p.key, Types.STRING);
    }

    private static List<ScoredPoint> run(
            KeyedOneInputStreamOperatorTestHarness<String, SeriesPoint, ScoredPoint> h,
            List<SeriesPoint> points)
            throws Exception {
        int before = h.extractOutputValues().size();
        for (SeriesPoint p : points) {
            h.processElement(new StreamRecord<>(p, p.timestamp));
        }
        List<ScoredPoint> all = h.extractOutputValues();
        return new ArrayList<>(all.subList(before, all.size()));
    }

    private static List<ScoredPoint> uninterrupted(DetectorSettings settings) throws Exception {
        return uninterrupted(settings, POINTS);
    }

    private static List<ScoredPoint> uninterrupted(
            DetectorSettings settings, List<SeriesPoint> points) throws Exception {
        try (var h = harness(settings)) {
            h.open();
            return run(h, points);
        }
    }

    @Test
    void scoresAfterRestoringASnapshotEqualAnUninterruptedRun() throws Exception {
        List<ScoredPoint> expected = uninterrupted(settings(100));
        int first = 3 * 200;
        int cut = 3 * 220; // 20 points into each series' log (snapshot interval 50)

        OperatorSubtaskState snapshot;
        try (var h = harness(settings(100))) {
            h.open();
            run(h, POINTS.subList(0, first));
            h.prepareSnapshotPreBarrier(1); // writes each forest (200 points >= 50)
            h.snapshot(1, 1);
            run(h, POINTS.subList(first, cut));
            h.prepareSnapshotPreBarrier(2); // appends 20 points to each log
            snapshot = h.snapshot(2, 2);
            // Work after the checkpoint is lost with the failure.
            run(h, POINTS.subList(cut, cut + 30));
        }
        List<ScoredPoint> afterRestore;
        try (var h = harness(settings(100))) {
            h.initializeState(snapshot);
            h.open();
            // One forest and one log per series, nothing else.
            assertThat(h.numKeyedStateEntries()).isEqualTo(3 * 2);
            afterRestore = run(h, POINTS.subList(cut, POINTS.size()));
        }

        assertThat(afterRestore).isEqualTo(expected.subList(cut, expected.size()));
        assertThat(expected).anyMatch(p -> p.grade > 0);
    }

    @Test
    void evictingModelsBeyondTheCapDoesNotChangeAnyScore() throws Exception {
        // Three series through room for two: every point evicts one model and reloads another.
        List<SeriesPoint> points = POINTS.subList(0, 3 * 120);
        List<ScoredPoint> unbounded = uninterrupted(settings(100), points);

        List<ScoredPoint> capped = uninterrupted(settings(2), points);

        assertThat(capped).isEqualTo(unbounded);
    }

    @Test
    void flaggedPointsCarryGradeExpectedValueAndAttributionPerShinglePosition() throws Exception {
        List<ScoredPoint> scored = uninterrupted(settings(100));

        List<ScoredPoint> flagged = scored.stream().filter(p -> p.grade > 0).toList();
        assertThat(flagged).isNotEmpty();
        for (ScoredPoint p : flagged) {
            // Grade: 0.5 at the alert threshold, rising to 1 with the anomaly score.
            assertThat(p.grade).isBetween(0.5, 1.0);
            assertThat(p.anomalyScore)
                    .isGreaterThanOrEqualTo(0.72)
                    .isEqualTo(p.score / (p.score + 1));
            assertThat(p.attribution).hasSize(4);
        }
        // The injected spikes (index 299 of each series) are among the flagged points.
        assertThat(flagged).anyMatch(p -> p.timestamp == 60_000L * 299);
        ScoredPoint spike =
                flagged.stream()
                        .filter(p -> p.timestamp == 60_000L * 299)
                        .findFirst()
                        .orElseThrow();
        assertThat(spike.expected).isLessThan(spike.value);
    }
}
