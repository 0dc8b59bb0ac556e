package dev.riffle.jobs.anomaly.backtest;

import dev.riffle.jobs.anomaly.detector.DetectorSettings;
import dev.riffle.jobs.anomaly.nab.NabWindows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code riffle backtest} on a small synthetic corpus in NAB's layout: always runs. */
class BacktestITCase {
    private static final DateTimeFormatter NAB_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final LocalDateTime START = LocalDateTime.of(2025, 1, 1, 0, 0);

    /** Writes a 5-minute series: a daily-like sine with noise, plus {@code spikeAt} (or none). */
    private static List<String> series(Path file, int points, int spikeAt, long seed)
            throws Exception {
        Random noise = new Random(seed);
        List<String> lines = new ArrayList<>();
        lines.add("timestamp,value");
        for (int i = 0; i < points; i++) {
            double v = 50 + 10 * Math.sin(i / 40.0) + noise.nextGaussian();
            if (i == spikeAt) {
                v += 80;
            }
            lines.add(
                    START.plusMinutes(5L * i).format(NAB_TIME)
                            + ","
                            + String.format(Locale.ROOT, "%.3f", v));
        }
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
        return lines;
    }

    private static String time(int i) {
        return START.plusMinutes(5L * i).format(NAB_TIME);
    }

    @Test
    void writesEverySeriesInNabsResultsFormatWithLabelsAndScores(@TempDir Path tmp)
            throws Exception {
        Path input = tmp.resolve("data");
        Path output = tmp.resolve("results");
        List<String> spiky = series(input.resolve("synthetic/spike.csv"), 800, 600, 1);
        List<String> quiet = series(input.resolve("other/quiet.csv"), 700, -1, 2);
        Path windowsFile = tmp.resolve("combined_windows.json");
        Files.writeString(
                windowsFile,
                "{\"synthetic/spike.csv\": [[\""
                        + time(590)
                        + ".000000\", \""
                        + time(620)
                        + ".000000\"]], \"other/quiet.csv\": []}");

        Backtest.Outcome outcome =
                new Backtest(
                                input,
                                output,
                                DetectorSettings.defaults(),
                                NabWindows.read(windowsFile),
                                2)
                        .run();

        assertThat(outcome.series).isEqualTo(2);
        assertThat(outcome.points).isEqualTo(1500);
        List<String> spikeResults = Files.readAllLines(output.resolve("synthetic/spike.csv"));
        List<String> quietResults = Files.readAllLines(output.resolve("other/quiet.csv"));
        assertThat(spikeResults).hasSize(spiky.size());
        assertThat(quietResults).hasSize(quiet.size());
        assertThat(spikeResults.get(0)).isEqualTo("timestamp,value,anomaly_score,label");

        int top = -1;
        double topScore = -1;
        for (int i = 1; i < spikeResults.size(); i++) {
            String[] cols = spikeResults.get(i).split(",");
            assertThat(cols).hasSize(4);
            // Timestamp and value are the input's own text.
            assertThat(cols[0] + "," + cols[1]).isEqualTo(spiky.get(i));
            double score = Double.parseDouble(cols[2]);
            assertThat(score).isBetween(0.0, 1.0);
            int point = i - 1;
            assertThat(cols[3]).isEqualTo(point >= 590 && point <= 620 ? "1" : "0");
            if (score > topScore) {
                topScore = score;
                top = point;
            }
        }
        assertThat(top).isEqualTo(600);
        assertThat(quietResults.stream().skip(1)).allMatch(l -> l.endsWith(",0"));
        assertThat(outcome.nab.windows).isEqualTo(1);
        assertThat(outcome.nab.detectedWindows).isEqualTo(1);
    }
}
