package dev.riffle.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The standalone session cluster: one JobManager and one TaskManager, each its own process. */
final class Cluster {
    static final String JOBMANAGER = "jobmanager";
    static final String TASKMANAGER = "taskmanager";

    private final Layout layout;
    private final Settings settings;
    private final PrintStream out;

    Cluster(Layout layout, Settings settings, PrintStream out) {
        this.layout = layout;
        this.settings = settings;
        this.out = out;
    }

    /** The ports of the cluster processes that are not running yet. */
    List<Ports.Need> portsToStart(FlinkConfig config) {
        List<Ports.Need> needs = new ArrayList<>();
        if (!running(JOBMANAGER)) {
            needs.add(
                    new Ports.Need(
                            config.restPort(), "Flink REST API and web UI", "flink.rest.port"));
            needs.add(
                    new Ports.Need(
                            config.port("jobmanager.rpc.port"),
                            "JobManager RPC",
                            "flink.jobmanager.rpc.port"));
            needs.add(
                    new Ports.Need(
                            config.port("blob.server.port"),
                            "JobManager blob server",
                            "flink.blob.server.port"));
        }
        if (!running(TASKMANAGER)) {
            needs.add(
                    new Ports.Need(
                            config.port("taskmanager.rpc.port"),
                            "TaskManager RPC",
                            "flink.taskmanager.rpc.port"));
            needs.add(
                    new Ports.Need(
                            config.port("taskmanager.data.port"),
                            "TaskManager data exchange",
                            "flink.taskmanager.data.port"));
        }
        return needs;
    }

    /** Whether `riffle up` started a JobManager that still runs. */
    boolean jobManagerRunning() {
        return running(JOBMANAGER);
    }

    private boolean running(String name) {
        return ManagedProcess.find(layout, name)
                .map(p -> p.state() == ManagedProcess.State.RUNNING)
                .orElse(false);
    }

    /**
     * Starts whichever of JobManager and TaskManager is not running and returns without waiting for
     * them: {@link Launch#awaitReady} waits, so a caller can start other things (the emulators)
     * while the JVMs boot.
     */
    Launch launch(FlinkConfig config) {
        FlinkProcesses processes = new FlinkProcesses(layout, config);
        List<ManagedProcess> started = new ArrayList<>();
        if (alreadyRunning(JOBMANAGER)) {
            // keep it
        } else {
            Ports.requireFree(
                    config.restPort(), "Flink REST API and web UI", "flink.rest.port", settings);
            Ports.requireFree(
                    config.port("jobmanager.rpc.port"),
                    "JobManager RPC",
                    "flink.jobmanager.rpc.port",
                    settings);
            Ports.requireFree(
                    config.port("blob.server.port"),
                    "JobManager blob server",
                    "flink.blob.server.port",
                    settings);
            Process jm =
                    processes.startDaemon(
                            JOBMANAGER,
                            FlinkProcesses.JOBMANAGER_MAIN,
                            processes.resourceParams("GET_JM_RESOURCE_PARAMS"),
                            List.of());
            started.add(record(JOBMANAGER, jm));
        }
        if (!alreadyRunning(TASKMANAGER)) {
            Ports.requireFree(
                    config.port("taskmanager.rpc.port"),
                    "TaskManager RPC",
                    "flink.taskmanager.rpc.port",
                    settings);
            Ports.requireFree(
                    config.port("taskmanager.data.port"),
                    "TaskManager data exchange",
                    "flink.taskmanager.data.port",
                    settings);
            Process tm =
                    processes.startDaemon(
                            TASKMANAGER,
                            FlinkProcesses.TASKMANAGER_MAIN,
                            processes.resourceParams("GET_TM_RESOURCE_PARAMS"),
                            List.of());
            started.add(record(TASKMANAGER, tm));
        }
        return new Launch(config, started);
    }

    /** The processes one {@link #launch} started. */
    final class Launch {
        private final FlinkConfig config;
        private final List<ManagedProcess> started;

        private Launch(FlinkConfig config, List<ManagedProcess> started) {
            this.config = config;
            this.started = List.copyOf(started);
        }

        /** Waits until the REST endpoint reports a registered TaskManager with slots. */
        void awaitReady() {
            awaitTaskManager(config, started);
        }

        /**
         * Stops what this launch started, TaskManager first: for a start that failed elsewhere (an
         * emulator), so that no half-started cluster is left behind.
         */
        void abandon() {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).stop(DownCommand.grace(started.get(i).name()));
            }
        }
    }

    private boolean alreadyRunning(String name) {
        Optional<ManagedProcess> existing = ManagedProcess.find(layout, name);
        if (existing.isPresent()) {
            ManagedProcess p = existing.get();
            if (p.state() == ManagedProcess.State.RUNNING) {
                out.printf("  %-12s already running (pid %d)%n", name, p.pid());
                return true;
            }
            p.forget();
        }
        return false;
    }

    private ManagedProcess record(String name, Process process) {
        awaitExec(name, process);
        ManagedProcess recorded = ManagedProcess.record(layout, name, process.pid());
        out.printf(
                "  %-12s started (pid %d), log %s%n",
                name, process.pid(), layout.log().resolve("flink-" + name + ".log"));
        return recorded;
    }

    /**
     * setsid replaces itself with java in the same process (same pid); the record must hold java's
     * command line, so wait until the exec happened.
     */
    private void awaitExec(String name, Process process) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            if (process.info().command().map(c -> c.endsWith("/java")).orElse(false)) {
                return;
            }
            pause();
        }
        if (!process.isAlive()) {
            throw new LauncherException(
                    "The "
                            + name
                            + " exited right after start. Last lines of its output:\n"
                            + tail(name, 25));
        }
        throw new LauncherException(
                "The " + name + " (pid " + process.pid() + ") did not start java within 10 s");
    }

    private void awaitTaskManager(FlinkConfig config, List<ManagedProcess> started) {
        FlinkRest rest = new FlinkRest(config.restUrl());
        Instant start = Instant.now();
        Instant deadline = start.plus(settings.startupTimeout());
        String lastSeen = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            for (ManagedProcess p : started) {
                if (p.state() != ManagedProcess.State.RUNNING) {
                    throw new LauncherException(
                            "The "
                                    + p.name()
                                    + " exited during start-up. Last lines of its log:\n"
                                    + tail(p.name(), 25));
                }
            }
            try {
                JsonNode overview = rest.overview();
                int taskManagers = overview.path("taskmanagers").asInt();
                // A TaskManager registers before it offers its slots: wait for both.
                if (taskManagers >= 1 && overview.path("slots-total").asInt() > 0) {
                    out.printf(
                            "  cluster ready: %d TaskManager(s), %d slots, after %.1f s%n",
                            taskManagers,
                            overview.path("slots-total").asInt(),
                            Duration.between(start, Instant.now()).toMillis() / 1000.0);
                    return;
                }
                lastSeen = "REST answered with 0 TaskManagers";
            } catch (IOException e) {
                lastSeen = "REST endpoint " + config.restUrl() + " not answering (" + e + ")";
            }
            pause();
        }
        throw new LauncherException(
                "The cluster did not come up within "
                        + settings.startupTimeout().toSeconds()
                        + " s ("
                        + lastSeen
                        + "). The processes keep running; inspect them with `riffle status` and"
                        + " stop them with `riffle down`. Raise the wait with `startup.timeout` in "
                        + settings.overrideFile()
                        + ".\nLast lines of "
                        + layout.log().resolve("flink-jobmanager.log")
                        + ":\n"
                        + tail(JOBMANAGER, 15)
                        + "\nLast lines of "
                        + layout.log().resolve("flink-taskmanager.log")
                        + ":\n"
                        + tail(TASKMANAGER, 15));
    }

    /**
     * The last lines of a process's log, or of its .out file when the log is empty (JVM failed
     * early).
     */
    String tail(String name, int lines) {
        for (String suffix : List.of(".log", ".out")) {
            Path file = layout.log().resolve("flink-" + name + suffix);
            try {
                if (Files.exists(file) && Files.size(file) > 0) {
                    List<String> all = Files.readAllLines(file);
                    return String.join(
                            "\n", all.subList(Math.max(0, all.size() - lines), all.size()));
                }
            } catch (IOException e) {
                return "(cannot read " + file + ": " + e + ")";
            }
        }
        return "(no log written)";
    }

    static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted", e);
        }
    }
}
