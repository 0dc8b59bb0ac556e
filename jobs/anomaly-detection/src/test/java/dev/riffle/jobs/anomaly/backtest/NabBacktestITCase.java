package dev.riffle.jobs.anomaly.backtest;

import dev.riffle.jobs.anomaly.detector.DetectorSettings;
import dev.riffle.jobs.anomaly.nab.NabWindows;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quality run: {@code riffle backtest} over a NAB folder ({@code data/} and {@code
 * combined_windows.json}) named by {@code -Dnab.dir=...}; skipped without it, so the default build
 * never needs NAB. Checks the results folder is complete and prints the NAB standard score.
 *
 * <pre>
 * mvn -B -pl jobs/anomaly-detection -am verify -Dnab.dir=../shared/datasets/nab \
 *     -Dit.test=NabBacktestITCase -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class NabBacktestITCase {

    @ParameterizedTest(name = "mode {0}")
    @ValueSource(strings = {"default", "kda"})
    void writesACompleteResultsFolderAndScoresIt(String mode, @TempDir Path output)
            throws Exception {
        String dir = System.getProperty("nab.dir", "");
        Assumptions.assumeTrue(
                !dir.isBlank() && Files.isDirectory(Path.of(dir, "data")),
                "set -Dnab.dir to a NAB folder (data/, combined_windows.json) to run");
        Path nab = Path.of(dir);
        Path data = nab.resolve("data");
        DetectorSettings settings =
                "kda".equals(mode) ? DetectorSettings.kdaCompatible() : DetectorSettings.defaults();

        Backtest.Outcome outcome =
                new Backtest(
                                data,
                                output,
                                settings,
                                NabWindows.read(nab.resolve("combined_windows.json")),
                                2)
                        .run();

        List<Path> inputs;
        try (Stream<Path> walk = Files.walk(data)) {
            inputs = walk.filter(p -> p.toString().endsWith(".csv")).collect(Collectors.toList());
        }
        for (Path in : inputs) {
            Path out = output.resolve(data.relativize(in).toString());
            assertThat(out).exists();
            assertThat(Files.readAllLines(out)).hasSameSizeAs(Files.readAllLines(in));
        }
        assertThat(outcome.series).isEqualTo(inputs.size());
        System.out.printf("NAB %s (%d series): %s%n", mode, outcome.series, outcome.nab);
        Files.writeString(
                Path.of("target", "nab-score-" + mode + ".txt"), outcome.nab.toString() + "\n");
    }
}
