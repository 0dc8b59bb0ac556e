package dev.riffle.testing.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An emulator process this JVM started, with its output in a log file.
 *
 * <p>Attached children (the default) are tied to this JVM three ways, so none outlives it: {@link
 * #stop()}, a shutdown hook, and a watchdog inside the child that exits when its stdin (a pipe from
 * this JVM) reaches end-of-file, which happens even when this JVM is killed with SIGKILL. Detached
 * children read stdin from /dev/null, run in their own session ({@code setsid}) and are meant to be
 * stopped later by pid.
 */
public final class ChildProcess implements AutoCloseable {
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Thread shutdownHook;
    private final Duration grace;

    private ChildProcess(
            String name, Process process, Path logFile, Thread shutdownHook, Duration grace) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.shutdownHook = shutdownHook;
        this.grace = grace;
    }

    /**
     * Starts {@code command} in {@code workDir} with extra environment, output appended to {@code
     * logFile}; {@link #stop()} allows the default grace period of 10 s.
     */
    public static ChildProcess start(
            String name,
            List<String> command,
            Path workDir,
            Map<String, String> environment,
            Path logFile,
            boolean detached) {
        return start(name, command, workDir, environment, logFile, detached, DEFAULT_GRACE);
    }

    /**
     * As {@link #start(String, List, Path, Map, Path, boolean)}, with the time {@link #stop()}
     * allows between SIGTERM and SIGKILL.
     */
    public static ChildProcess start(
            String name,
            List<String> command,
            Path workDir,
            Map<String, String> environment,
            Path logFile,
            boolean detached,
            Duration grace) {
        List<String> fullCommand = new ArrayList<>();
        if (detached && SETSID.isPresent()) {
            fullCommand.add(SETSID.get());
        }
        fullCommand.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(fullCommand).directory(workDir.toFile());
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        if (detached) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process process;
        try {
            Files.createDirectories(logFile.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    String.format("Could not start %s with command %s: %s", name, command, e), e);
        }
        Thread hook = null;
        if (!detached) {
            hook = new Thread(() -> destroy(process.toHandle(), grace), "stop-" + name);
            Runtime.getRuntime().addShutdownHook(hook);
        }
        return new ChildProcess(name, process, logFile, hook, grace);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** The last {@code lines} lines of the log, for error messages. */
    public String logTail(int lines) {
        return tail(logFile, lines);
    }

    /**
     * Stops the process (and anything it started): SIGTERM, then SIGKILL after the grace period.
     * Returns once the process is gone.
     */
    public void stop() {
        destroy(process.toHandle(), grace);
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to run; it stops the same process.
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + logFile + ")";
    }

    /** Stops a process by pid, with its descendants. Returns false if it was not running. */
    public static boolean stop(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        destroy(handle.get(), DEFAULT_GRACE);
        return true;
    }

    private static void destroy(ProcessHandle handle, Duration grace) {
        List<ProcessHandle> all = new ArrayList<>();
        handle.descendants().forEach(all::add);
        Collections.reverse(all);
        all.add(handle);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : all) {
            if (!awaitExit(h, Math.max(0, deadline - System.nanoTime()))) {
                h.destroyForcibly();
                if (!awaitExit(h, KILL_WAIT.toNanos())) {
                    throw new IllegalStateException(
                            "Process " + h.pid() + " survived SIGKILL for " + KILL_WAIT);
                }
            }
        }
    }

    private static boolean awaitExit(ProcessHandle handle, long nanos) {
        try {
            handle.onExit().get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        } catch (Exception timeout) {
            return !handle.isAlive();
        }
    }

    /** The last lines of a file, or a note that it could not be read. */
    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(
                    System.lineSeparator(),
                    all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static final Optional<String> SETSID = findOnPath("setsid");

    /** Looks a program up on PATH. */
    public static Optional<String> findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
