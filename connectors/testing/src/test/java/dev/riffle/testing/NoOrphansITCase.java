package dev.riffle.testing;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Emulators die with the JVM that started them, even when it is killed without warning. */
class NoOrphansITCase {

    @Test
    void emulatorsStopWhenTheirJvmIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe =
                new ProcessBuilder(
                                java,
                                "-cp",
                                System.getProperty("java.class.path"),
                                "-D" + "riffle.repo.root=" + System.getProperty("riffle.repo.root"),
                                OrphanProbe.class.getName())
                        .redirectErrorStream(true)
                        .start();
        try {
            BufferedReader out =
                    new BufferedReader(
                            new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8));
            String pidsLine =
                    CompletableFuture.supplyAsync(() -> firstLineStartingWith(out, "pids "))
                            .get(120, TimeUnit.SECONDS);
            List<ProcessHandle> emulators =
                    Arrays.stream(pidsLine.substring(5).trim().split(" "))
                            .map(Long::parseLong)
                            .map(pid -> ProcessHandle.of(pid).orElseThrow())
                            .toList();
            assertThat(emulators).hasSize(2).allMatch(ProcessHandle::isAlive);

            probe.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook runs.

            Await.until(
                    Duration.ofSeconds(30),
                    () -> emulators.stream().noneMatch(ProcessHandle::isAlive),
                    "kinesis-mock and s3proxy to exit after their parent JVM was killed");
        } finally {
            probe.destroyForcibly();
        }
    }

    private static String firstLineStartingWith(BufferedReader reader, String prefix) {
        try {
            StringBuilder seen = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
                seen.append(line).append('\n');
            }
            throw new IllegalStateException("Probe ended without printing pids:\n" + seen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
