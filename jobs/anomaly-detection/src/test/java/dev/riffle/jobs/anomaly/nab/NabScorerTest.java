package dev.riffle.jobs.anomaly.nab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** NAB's standard profile on small series whose scores can be worked out by hand. */
class NabScorerTest {
    // 1000 points; probation = min(floor(0.15 * 1000), 750) = 150; one window [600, 699].
    private static final int N = 1000;

    private static long[] timestamps() {
        long[] ts = new long[N];
        for (int i = 0; i < N; i++) {
            ts[i] = i * 1000L;
        }
        return ts;
    }

    private static NabScorer.Result score(double[] scores) throws Exception {
        return NabScorer.STANDARD.score(
                List.of(new NabScorer.Series("s.csv", timestamps(), scores, window(600, 699))));
    }

    private static List<NabWindows.Window> window(int from, int to) {
        return List.of(new NabWindows.Window(from * 1000L, to * 1000L));
    }

    @Test
    void perfectAndNullDetectorsAnchorTheScaleAt100And0() throws Exception {
        double[] perfect = new double[N];
        perfect[600] = 1.0;

        NabScorer.Result best = score(perfect);
        NabScorer.Result nothing = score(new double[N]);

        assertThat(best.normalized).isCloseTo(100.0, within(1e-9));
        assertThat(best.nullScore).isEqualTo(-1.0);
        assertThat(best.perfectScore).isCloseTo(1.0, within(1e-9));
        assertThat(nothing.normalized).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void aLateDetectionEarnsTheScaledSigmoidOfItsPositionInTheWindow() throws Exception {
        double[] late = new double[N];
        late[650] = 0.9; // halfway: position -(699 - 650 + 1) / 100 = -0.5

        NabScorer.Result r = score(late);

        double expected = (2 / (1 + Math.exp(5 * -0.5)) - 1) / (2 / (1 + Math.exp(-5.0)) - 1);
        assertThat(r.raw).isCloseTo(expected, within(1e-9));
        assertThat(r.threshold).isEqualTo(0.9);
        assertThat(r.detectedWindows).isEqualTo(1);
    }

    @Test
    void falsePositivesCostFpWeightExceptRightAfterAWindowAndNothingInProbation() throws Exception {
        double[] scores = new double[N];
        scores[600] = 1.0;
        scores[100] = 1.0; // probation: free
        scores[300] = 1.0; // before any window: costs the full 0.11
        scores[900] = 1.0; // 201 points after the window (width 100): relative 201/99 -> -0.11 * ~1

        NabScorer.Result r = score(scores);

        double after = (2 / (1 + Math.exp(5 * (201 / 99.0))) - 1) * 0.11;
        assertThat(r.raw).isCloseTo(1.0 - 0.11 + after, within(1e-9));
        assertThat(r.fp).isEqualTo(2);
        assertThat(r.tp).isEqualTo(1);
    }

    @Test
    void readsNabsCombinedWindows(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("combined_windows.json");
        Files.writeString(
                file,
                "{\"a/x.csv\": [[\"2014-04-10 07:15:00.000000\", \"2014-04-11 16:45:00.000000\"]],"
                        + " \"b/y.csv\": []}");

        NabWindows windows = NabWindows.read(file);

        assertThat(windows.series()).containsExactly("a/x.csv", "b/y.csv");
        long start = java.time.Instant.parse("2014-04-10T07:15:00Z").toEpochMilli();
        assertThat(windows.label("a/x.csv", start)).isEqualTo(1);
        assertThat(windows.label("a/x.csv", start - 1)).isEqualTo(0);
        assertThat(windows.windows("b/y.csv")).isEmpty();
    }
}
