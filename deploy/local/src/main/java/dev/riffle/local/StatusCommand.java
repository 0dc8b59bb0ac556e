package dev.riffle.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code riffle status}: the recorded processes, the cluster's REST overview and every job's state.
 */
final class StatusCommand {
    private final Layout layout;
    private final PrintStream out;

    StatusCommand(Layout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    int run() {
        out.println("riffle: state folder " + layout.state());
        boolean anyRunning = false;
        for (String name : DownCommand.PROCESSES) {
            Optional<ManagedProcess> record = ManagedProcess.find(layout, name);
            if (record.isEmpty()) {
                out.printf("  %-12s not started%n", name);
                continue;
            }
            ManagedProcess p = record.get();
            ManagedProcess.State state = p.state();
            anyRunning |= state == ManagedProcess.State.RUNNING;
            out.printf(
                    "  %-12s %s (pid %d)%n",
                    name,
                    switch (state) {
                        case RUNNING -> "running";
                        case GONE -> "exited";
                        case REUSED -> "exited (pid reused by another program)";
                    },
                    p.pid());
        }
        if (!anyRunning) {
            return 0;
        }
        FlinkConfig config = FlinkConfig.read(layout);
        out.println();
        out.printf(
                "Ports: REST/web UI %d, JobManager RPC %d, blob %d, TaskManager RPC %d, data %d%n",
                config.restPort(),
                config.port("jobmanager.rpc.port"),
                config.port("blob.server.port"),
                config.port("taskmanager.rpc.port"),
                config.port("taskmanager.data.port"));
        new Emulators(layout, Settings.load(layout), out).printSummary();
        FlinkRest rest = new FlinkRest(config.restUrl());
        try {
            JsonNode o = rest.overview();
            out.printf(
                    "Cluster %s: Flink %s, %d TaskManager(s), %d of %d slots free; jobs: %d"
                            + " running, %d finished, %d cancelled, %d failed%n",
                    config.restUrl(),
                    o.path("flink-version").asText(),
                    o.path("taskmanagers").asInt(),
                    o.path("slots-available").asInt(),
                    o.path("slots-total").asInt(),
                    o.path("jobs-running").asInt(),
                    o.path("jobs-finished").asInt(),
                    o.path("jobs-cancelled").asInt(),
                    o.path("jobs-failed").asInt());
            for (JsonNode job : rest.jobs().path("jobs")) {
                out.printf(
                        "  %-10s %s  %s  (%s)%n",
                        job.path("state").asText(),
                        job.path("jid").asText(),
                        job.path("name").asText().replaceAll("\\s+", " "),
                        formatDuration(job.path("duration").asLong()));
            }
        } catch (IOException e) {
            out.println("Cluster " + config.restUrl() + " does not answer: " + e);
            return 1;
        }
        return 0;
    }

    private static String formatDuration(long millis) {
        Duration d = Duration.ofMillis(millis);
        return String.format("%dh%02dm%02ds", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
