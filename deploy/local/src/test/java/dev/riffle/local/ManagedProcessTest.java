package dev.riffle.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The safety rule of `riffle down`: a pid is signalled only while it still runs the recorded
 * program.
 */
class ManagedProcessTest {
    private final Layout layout;

    ManagedProcessTest() throws Exception {
        layout = new Layout(Path.of("/repo"), Files.createTempDirectory("riffle-state"));
    }

    @Test
    void aRecordedLiveProcessIsRunning() {
        ManagedProcess.record(layout, "me", ProcessHandle.current().pid());

        assertThat(ManagedProcess.find(layout, "me").orElseThrow().state())
                .isEqualTo(ManagedProcess.State.RUNNING);
    }

    @Test
    void aPidNowRunningAnotherProgramIsReusedAndLeftAlone() throws Exception {
        ManagedProcess.record(layout, "me", ProcessHandle.current().pid());
        Path record = layout.run().resolve("me.pid");
        Files.writeString(
                record,
                Files.readString(record)
                        .replaceAll("(?m)^command=.*$", "command=/usr/bin/node main.js"));
        ManagedProcess recorded = ManagedProcess.find(layout, "me").orElseThrow();

        assertThat(recorded.state()).isEqualTo(ManagedProcess.State.REUSED);
        // stop() must not signal this JVM; it only forgets the record.
        assertThat(recorded.stop(Duration.ofSeconds(1))).isEqualTo(ManagedProcess.State.REUSED);
        assertThat(ProcessHandle.current().isAlive()).isTrue();
        assertThat(record).doesNotExist();
    }

    @Test
    void aPidWithAnotherStartTimeIsReused() throws Exception {
        ManagedProcess.record(layout, "me", ProcessHandle.current().pid());
        Path record = layout.run().resolve("me.pid");
        Files.writeString(
                record, Files.readString(record).replaceAll("(?m)^started=.*$", "started=1000"));

        assertThat(ManagedProcess.find(layout, "me").orElseThrow().state())
                .isEqualTo(ManagedProcess.State.REUSED);
    }

    @Test
    void aDamagedRecordNamesNoProcess() throws Exception {
        Files.createDirectories(layout.run());
        Files.writeString(layout.run().resolve("x.pid"), "pid=not-a-number\n");

        assertThat(ManagedProcess.find(layout, "x").orElseThrow().state())
                .isEqualTo(ManagedProcess.State.GONE);
        assertThat(ManagedProcess.find(layout, "missing")).isEmpty();
    }
}
