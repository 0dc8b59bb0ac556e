package dev.riffle.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code riffle down}: stops exactly the processes `riffle up` recorded, TaskManager first, and
 * only while each recorded pid still runs the recorded program.
 */
final class DownCommand {
    /**
     * Stop order: the TaskManager before the JobManager, the cluster before the emulators its jobs
     * use.
     */
    static final List<String> PROCESSES =
            List.of(
                    Cluster.TASKMANAGER,
                    Cluster.JOBMANAGER,
                    Emulators.S3PROXY,
                    Emulators.KINESIS_MOCK);

    /**
     * How long a process may take after SIGTERM before SIGKILL. Flink processes stop in about 2 s;
     * kinesis-mock waits for idle HTTP connections to drain (half a minute) although its data is
     * already on disk (it persists every second), so it gets a short grace.
     */
    static Duration grace(String name) {
        return name.equals(Emulators.KINESIS_MOCK) ? Duration.ofSeconds(3) : Duration.ofSeconds(30);
    }

    private final Layout layout;
    private final PrintStream out;

    DownCommand(Layout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    int run() {
        boolean any = false;
        for (String name : PROCESSES) {
            Optional<ManagedProcess> record = ManagedProcess.find(layout, name);
            if (record.isEmpty()) {
                continue;
            }
            any = true;
            ManagedProcess p = record.get();
            String now = p.state() == ManagedProcess.State.REUSED ? p.currentCommand() : "";
            switch (p.stop(grace(name))) {
                case RUNNING -> out.printf("  %-12s stopped (pid %d)%n", name, p.pid());
                case GONE -> out.printf("  %-12s was not running (pid %d)%n", name, p.pid());
                case REUSED ->
                        out.printf(
                                "  %-12s pid %d now belongs to another program (%s): left alone%n",
                                name, p.pid(), now);
            }
        }
        if (!any) {
            out.println("riffle: nothing to stop in " + layout.state());
        }
        return 0;
    }
}
