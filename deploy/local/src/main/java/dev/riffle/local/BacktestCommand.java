package dev.riffle.local;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code riffle backtest --input DIR --output DIR [...]}: runs the anomaly detector's backtest
 * ({@code BacktestMain} in jobs/anomaly-detection) in a JVM of its own, on the local Flink
 * distribution's libraries and the job's jar. It needs no cluster and no emulator: the backtest
 * starts its own embedded Flink over bounded file input. Relative paths are the user's: the JVM
 * runs in the directory the command was typed in.
 */
final class BacktestCommand {
    static final String JOB = "anomaly-detection";
    static final String MAIN = "dev.riffle.jobs.anomaly.backtest.BacktestMain";

    private final Layout layout;
    private final PrintStream out;

    BacktestCommand(Layout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    int run(List<String> args) {
        layout.requireDist();
        Path jar = new SubmitCommand(layout, out).jobJar(JOB);
        List<String> cmd = new ArrayList<>();
        cmd.add(FlinkProcesses.java());
        // Flink's classes log through log4j in lib/: errors to the terminal only.
        cmd.add("-Dlog4j2.level=ERROR");
        cmd.add("-cp");
        cmd.add(layout.dist().resolve("lib").resolve("*") + File.pathSeparator + jar);
        cmd.add(MAIN);
        cmd.addAll(args);
        try {
            return new ProcessBuilder(cmd).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new LauncherException("Cannot start the backtest (" + MAIN + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted while running the backtest", e);
        }
    }
}
