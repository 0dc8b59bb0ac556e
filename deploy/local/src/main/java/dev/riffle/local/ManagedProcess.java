package dev.riffle.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process `riffle up` started, as recorded in {@code <state>/run/<name>.pid}: its pid, its start
 * time and its command line. `riffle down` stops a process only while all three still match, so a
 * pid the operating system has since given to another program is never signalled.
 */
final class ManagedProcess {
    private static final Duration START_TIME_TOLERANCE = Duration.ofSeconds(1);

    /** What a record says about the process it names, now. */
    enum State {
        /** Alive, same start time and command line: ours. */
        RUNNING,
        /** No process with that pid. */
        GONE,
        /** The pid is alive but belongs to another program now. */
        REUSED
    }

    private final String name;
    private final long pid;
    private final Instant started;
    private final String commandLine;
    private final Path record;

    private ManagedProcess(
            String name, long pid, Instant started, String commandLine, Path record) {
        this.name = name;
        this.pid = pid;
        this.started = started;
        this.commandLine = commandLine;
        this.record = record;
    }

    /** Records a process that was just started. */
    static ManagedProcess record(Layout layout, String name, long pid) {
        ProcessHandle handle =
                ProcessHandle.of(pid)
                        .orElseThrow(
                                () ->
                                        new LauncherException(
                                                name
                                                        + " (pid "
                                                        + pid
                                                        + ") exited right after start"));
        ProcessHandle.Info info = handle.info();
        ManagedProcess process =
                new ManagedProcess(
                        name,
                        pid,
                        info.startInstant().orElse(Instant.EPOCH),
                        info.commandLine().orElse(""),
                        recordFile(layout, name));
        process.write();
        return process;
    }

    /** The record of {@code name}, if `riffle up` wrote one. */
    static Optional<ManagedProcess> find(Layout layout, String name) {
        Path file = recordFile(layout, name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            p.load(reader);
            return Optional.of(
                    new ManagedProcess(
                            name,
                            Long.parseLong(p.getProperty("pid")),
                            Instant.ofEpochMilli(Long.parseLong(p.getProperty("started"))),
                            p.getProperty("command", ""),
                            file));
        } catch (IOException | RuntimeException e) {
            // A damaged record cannot identify a process safely: treat it as gone.
            return Optional.of(new ManagedProcess(name, -1, Instant.EPOCH, "", file));
        }
    }

    private static Path recordFile(Layout layout, String name) {
        return layout.run().resolve(name + ".pid");
    }

    private void write() {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(pid));
        p.setProperty("started", Long.toString(started.toEpochMilli()));
        p.setProperty("command", commandLine);
        try {
            Files.createDirectories(record.getParent());
            try (Writer writer = Files.newBufferedWriter(record)) {
                p.store(writer, name + " started by deploy/local/riffle up");
            }
        } catch (IOException e) {
            throw new LauncherException("Cannot record " + name + " in " + record + ": " + e, e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return pid;
    }

    State state() {
        Optional<ProcessHandle> handle = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return State.GONE;
        }
        ProcessHandle.Info info = handle.get().info();
        boolean sameStart =
                info.startInstant()
                        .map(
                                s ->
                                        Duration.between(s, started)
                                                        .abs()
                                                        .compareTo(START_TIME_TOLERANCE)
                                                <= 0)
                        .orElse(false);
        boolean sameCommand = info.commandLine().map(commandLine::equals).orElse(false);
        return sameStart && sameCommand ? State.RUNNING : State.REUSED;
    }

    /** Describes what the pid runs now, for messages about a reused pid. */
    String currentCommand() {
        return ProcessHandle.of(pid)
                .flatMap(h -> h.info().commandLine())
                .map(ManagedProcess::abbreviate)
                .orElse("?");
    }

    /**
     * Stops the process if it is still ours: SIGTERM (Flink and the emulators shut down cleanly on
     * it), then SIGKILL after {@code grace}. Removes the record in every case. Returns what it
     * found.
     */
    State stop(Duration grace) {
        State state = state();
        if (state == State.RUNNING) {
            ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
            handle.destroy();
            try {
                handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                handle.destroyForcibly();
                handle.onExit().orTimeout(10, TimeUnit.SECONDS).join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LauncherException("Interrupted while stopping " + name, e);
            } catch (ExecutionException e) {
                throw new LauncherException("Cannot stop " + name + ": " + e.getCause(), e);
            }
        }
        forget();
        return state;
    }

    void forget() {
        try {
            Files.deleteIfExists(record);
        } catch (IOException e) {
            throw new LauncherException("Cannot remove " + record + ": " + e, e);
        }
    }

    static String abbreviate(String commandLine) {
        return commandLine.length() <= 120 ? commandLine : commandLine.substring(0, 117) + "...";
    }
}
