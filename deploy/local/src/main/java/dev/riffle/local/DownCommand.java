package dev.riffle.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code riffle down}: stops exactly the processes `riffle up` recorded, the cluster before the
 * emulators, and only while each recorded pid still runs the recorded program.
 */
final class DownCommand {
    /**
     * Stop order, one stage after the other: the cluster before the emulators its jobs use. The
     * processes of one stage are stopped at the same time (each takes about 2 s to shut down).
     */
    static final List<List<String>> STAGES =
            List.of(
                    List.of(Cluster.TASKMANAGER, Cluster.JOBMANAGER),
                    List.of(Emulators.S3PROXY, Emulators.KINESIS_MOCK));

    /** Every process `riffle up` starts, in stop order. */
    static final List<String> PROCESSES = STAGES.stream().flatMap(List::stream).toList();

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
        for (List<String> stage : STAGES) {
            List<ManagedProcess> records =
                    stage.stream()
                            .map(name -> ManagedProcess.find(layout, name))
                            .flatMap(Optional::stream)
                            .toList();
            any |= !records.isEmpty();
            List<String> now =
                    records.stream()
                            .map(
                                    p ->
                                            p.state() == ManagedProcess.State.REUSED
                                                    ? p.currentCommand()
                                                    : "")
                            .toList();
            List<CompletableFuture<ManagedProcess.State>> stops =
                    records.stream()
                            .map(p -> CompletableFuture.supplyAsync(() -> p.stop(grace(p.name()))))
                            .toList();
            for (int i = 0; i < records.size(); i++) {
                report(records.get(i), await(stops.get(i)), now.get(i));
            }
        }
        if (!any) {
            out.println("riffle: nothing to stop in " + layout.state());
        }
        return 0;
    }

    private static ManagedProcess.State await(CompletableFuture<ManagedProcess.State> stop) {
        try {
            return stop.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void report(ManagedProcess p, ManagedProcess.State was, String now) {
        switch (was) {
            case RUNNING -> out.printf("  %-12s stopped (pid %d)%n", p.name(), p.pid());
            case GONE -> out.printf("  %-12s was not running (pid %d)%n", p.name(), p.pid());
            case REUSED ->
                    out.printf(
                            "  %-12s pid %d now belongs to another program (%s): left alone%n",
                            p.name(), p.pid(), now);
        }
    }
}
