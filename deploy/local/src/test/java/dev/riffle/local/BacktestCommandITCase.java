package dev.riffle.local;

import dev.riffle.local.RiffleCli.Run;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code riffle backtest} as a user runs it: the launcher script, the job's jar on the local Flink
 * distribution, no cluster. A project-owned corpus of two series in NAB's layout (a folder per
 * category), one with a labelled spike, one without labels.
 */
class BacktestCommandITCase {
    private static final DateTimeFormatter NAB_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final LocalDateTime START = LocalDateTime.of(2025, 3, 1, 0, 0);
    private static final int POINTS = 600;
    private static final int SPIKE = 500;

    @TempDir static Path tmp;
    private static Path repo;
    private static Path input;
    private static Path windows;

    @BeforeAll
    static void corpus() throws IOException {
        repo = Path.of(System.getProperty("riffle.repo.root")).toAbsolutePath();
        input = tmp.resolve("input");
        // A daily-ish wave with a little deterministic noise; one series spikes at point 500.
        writeSeries(input.resolve("withSpike/wave_spike.csv"), true);
        writeSeries(input.resolve("noLabels/wave.csv"), false);
        windows = tmp.resolve("windows.json");
        Files.writeString(
                windows,
                "{\"withSpike/wave_spike.csv\": [[\""
                        + at(SPIKE - 10)
                        + ".000000\", \""
                        + at(SPIKE + 10)
                        + ".000000\"]]}\n");
    }

    private static void writeSeries(Path file, boolean spike) throws IOException {
        Files.createDirectories(file.getParent());
        List<String> lines = new ArrayList<>();
        lines.add("timestamp,value");
        for (int i = 0; i < POINTS; i++) {
            double value = 50 + 10 * Math.sin(i * 2 * Math.PI / 48) + ((i * 7919) % 13) / 13.0;
            if (spike && i == SPIKE) {
                value = 160;
            }
            lines.add(at(i) + "," + String.format(Locale.ROOT, "%.3f", value));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static String at(int i) {
        return START.plusMinutes(5L * i).format(NAB_TIME);
    }

    @Test
    void writesAResultsFolderInNabsFormatAndScoresTheLabelledWindows() throws Exception {
        Path output = tmp.resolve("results");

        Run run =
                riffle(
                        "backtest",
                        "--input",
                        input.toString(),
                        "--output",
                        output.toString(),
                        "--windows",
                        windows.toString());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("riffle backtest: 2 series, 1200 points scored (mode=THRESHOLDED")
                .containsPattern("NAB standard score -?\\d+\\.\\d")
                .contains("windows detected 1 of 1");

        for (String series : List.of("withSpike/wave_spike.csv", "noLabels/wave.csv")) {
            List<String> in = Files.readAllLines(input.resolve(series));
            List<String> out = Files.readAllLines(output.resolve(series));
            assertThat(out).as(series).hasSize(in.size());
            assertThat(out.get(0)).isEqualTo("timestamp,value,anomaly_score,label");
            for (int i = 1; i < in.size(); i++) {
                String[] cells = out.get(i).split(",");
                assertThat(cells).as(out.get(i)).hasSize(4);
                // Timestamp and value verbatim, in input order.
                assertThat(cells[0] + "," + cells[1]).isEqualTo(in.get(i));
                assertThat(Double.parseDouble(cells[2])).isBetween(0.0, 1.0);
            }
        }
        List<String> spike = Files.readAllLines(output.resolve("withSpike/wave_spike.csv"));
        // The label column is 1 exactly inside the labelled window.
        for (int i = 0; i < POINTS; i++) {
            String label = spike.get(i + 1).split(",")[3];
            assertThat(label)
                    .as("label of point " + i)
                    .isEqualTo(i >= SPIKE - 10 && i <= SPIKE + 10 ? "1" : "0");
        }
        // The spike is the highest score of its series.
        int top = 0;
        double best = -1;
        for (int i = 0; i < POINTS; i++) {
            double score = Double.parseDouble(spike.get(i + 1).split(",")[2]);
            if (score > best) {
                best = score;
                top = i;
            }
        }
        assertThat(top).isEqualTo(SPIKE);
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhatIsAccepted() throws Exception {
        Run run =
                riffle(
                        "backtest",
                        "--input",
                        tmp.resolve("nowhere").toString(),
                        "--output",
                        tmp.resolve("unused").toString(),
                        "--mode",
                        "fast");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output())
                .contains(
                        "Invalid value '" + tmp.resolve("nowhere") + "' for --input: not a folder")
                .contains("Invalid value 'fast' for --mode. Accepted: default, kda")
                .contains("Usage: riffle backtest --input DIR --output DIR");
        assertThat(tmp.resolve("unused")).doesNotExist();
    }

    private static Run riffle(String... args) throws IOException, InterruptedException {
        return RiffleCli.run(repo, tmp.resolve("state"), tmp, Duration.ofMinutes(3), args);
    }
}
