package dev.riffle.jobs.anomaly.backtest;

import dev.riffle.jobs.anomaly.detector.DetectorSettings;
import dev.riffle.jobs.anomaly.nab.NabWindows;

import org.apache.flink.annotation.PublicEvolving;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code riffle backtest --input DIR --output DIR [--mode default|kda] [--windows FILE]
 * [--parallelism N]}.
 *
 * <ul>
 *   <li>{@code --input}: a folder of {@code timestamp,value} CSV files (any depth);
 *   <li>{@code --output}: where the results go, same relative paths, NAB's results format;
 *   <li>{@code --mode}: {@code default} (the tuned thresholded forest) or {@code kda} (KDA's
 *       RANDOM_CUT_FOREST: 100 trees, sample 256, time decay 1e-5, shingle 1);
 *   <li>{@code --windows}: NAB's {@code combined_windows.json}: fills the {@code label} column and
 *       prints the NAB standard score of the run;
 *   <li>{@code --parallelism}: default 2.
 * </ul>
 *
 * Runs a local Flink (MiniCluster) in this JVM: the classpath needs Flink's runtime and this
 * module's jar. Exit code 0 on success, 2 on bad arguments, 1 on failure.
 */
@PublicEvolving
public final class BacktestMain {
    private BacktestMain() {}

    public static void main(String[] args) throws Exception {
        Path input = null;
        Path output = null;
        Path windowsFile = null;
        String mode = "default";
        int parallelism = 2;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--input":
                    input = value == null ? null : Path.of(value);
                    i++;
                    break;
                case "--output":
                    output = value == null ? null : Path.of(value);
                    i++;
                    break;
                case "--windows":
                    windowsFile = value == null ? null : Path.of(value);
                    i++;
                    break;
                case "--mode":
                    mode = value;
                    i++;
                    break;
                case "--parallelism":
                    try {
                        parallelism = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        problems.add(
                                "Invalid value '" + value + "' for --parallelism: not an integer");
                    }
                    i++;
                    break;
                default:
                    problems.add("Unknown argument '" + arg + "'");
            }
        }
        if (input == null) {
            problems.add("Missing --input DIR (a folder of timestamp,value CSV files)");
        } else if (!Files.isDirectory(input)) {
            problems.add("Invalid value '" + input + "' for --input: not a folder");
        }
        if (output == null) {
            problems.add("Missing --output DIR (where the results go)");
        }
        if (!"default".equals(mode) && !"kda".equals(mode)) {
            problems.add("Invalid value '" + mode + "' for --mode. Accepted: default, kda");
        }
        if (windowsFile != null && !Files.isRegularFile(windowsFile)) {
            problems.add("Invalid value '" + windowsFile + "' for --windows: no such file");
        }
        if (!problems.isEmpty()) {
            System.err.println("riffle backtest: " + String.join("; ", problems));
            System.err.println(
                    "Usage: riffle backtest --input DIR --output DIR [--mode default|kda]"
                            + " [--windows combined_windows.json] [--parallelism N]");
            System.exit(2);
            return;
        }
        DetectorSettings settings =
                "kda".equals(mode) ? DetectorSettings.kdaCompatible() : DetectorSettings.defaults();
        NabWindows windows = windowsFile == null ? null : NabWindows.read(windowsFile);
        Backtest.Outcome outcome =
                new Backtest(input, output, settings, windows, parallelism).run();
        System.out.printf(
                "riffle backtest: %d series, %d points scored (%s) -> %s%n",
                outcome.series, outcome.points, settings, output);
        if (outcome.nab != null) {
            System.out.println(outcome.nab);
        }
    }
}
