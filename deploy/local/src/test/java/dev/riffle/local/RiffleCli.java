package dev.riffle.local;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code deploy/local/riffle} as a user would, in its own process with one state folder, and
 * collects what it printed. The reactor built the launcher and the job jars already, so the command
 * must not start a nested Maven build ({@code RIFFLE_NO_BUILD}).
 */
final class RiffleCli {
    /** What a riffle command printed (stdout and stderr together) and its exit status. */
    record Run(int exit, String output) {}

    private RiffleCli() {}

    /**
     * Runs {@code riffle args...} in {@code workDir} against {@code state}; a command still running
     * after {@code timeout} is killed with the processes it started (the SQL client, the Flink CLI)
     * and fails the test with its output.
     */
    static Run run(Path repo, Path state, Path workDir, Duration timeout, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(repo.resolve("deploy/local/riffle").toString());
        command.addAll(List.of(args));
        Files.createDirectories(state);
        Path output = Files.createTempFile(state, "riffle-", ".out");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("RIFFLE_STATE_DIR", state.toString());
        builder.environment().put("RIFFLE_NO_BUILD", "1");
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(
                    "riffle "
                            + String.join(" ", args)
                            + " did not finish within "
                            + timeout
                            + ":\n"
                            + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
