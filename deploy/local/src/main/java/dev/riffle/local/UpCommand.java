package dev.riffle.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code riffle up}: emulators, JobManager, TaskManager, the suite's streams. Idempotent: what
 * already runs is reported and left alone.
 */
final class UpCommand {
    private final Layout layout;
    private final PrintStream out;
    private final java.util.Map<String, String> flinkDefaults;

    UpCommand(Layout layout, PrintStream out) {
        this(layout, out, java.util.Map.of());
    }

    /**
     * {@code flinkDefaults}: config.yaml keys a caller needs (the demo: more slots), applied before
     * the user's flink.* settings, which still win. Used only when the cluster is started.
     */
    UpCommand(Layout layout, PrintStream out, java.util.Map<String, String> flinkDefaults) {
        this.layout = layout;
        this.out = out;
        this.flinkDefaults = flinkDefaults;
    }

    int run() {
        layout.requireDist();
        Settings settings = Settings.load(layout);
        prepareStateFolder();
        out.println("riffle: state folder " + layout.state());

        Emulators emulators = new Emulators(layout, settings, out);
        Cluster cluster = new Cluster(layout, settings, out);
        // A running JobManager keeps the configuration it was started with.
        FlinkConfig config =
                cluster.jobManagerRunning()
                        ? FlinkConfig.read(layout)
                        : FlinkConfig.render(
                                layout, flinkOverrides(settings, emulators, flinkDefaults));
        List<Ports.Need> ports = new java.util.ArrayList<>(emulators.portsToStart());
        ports.addAll(cluster.portsToStart(config));
        Ports.requireAllFree(ports, settings);

        // The JVMs take longer to boot than the emulators: both start before either is awaited.
        Cluster.Launch launch = cluster.launch(config);
        try {
            emulators.start();
        } catch (RuntimeException e) {
            launch.abandon();
            throw e;
        }
        launch.awaitReady();

        emulators.createStreamsAndBucket();
        printSummary(config, settings, emulators);
        return 0;
    }

    /**
     * config.yaml overrides: the S3 plugin pointed at s3proxy, then the user's flink.* settings.
     */
    private static java.util.Map<String, String> flinkOverrides(
            Settings settings, Emulators emulators, java.util.Map<String, String> defaults) {
        java.util.Map<String, String> overrides = new java.util.LinkedHashMap<>();
        overrides.putAll(emulators.flinkS3Properties());
        overrides.putAll(defaults);
        overrides.putAll(settings.flinkOverrides());
        return overrides;
    }

    private void prepareStateFolder() {
        try {
            for (Path dir : List.of(layout.log(), layout.data(), layout.run())) {
                Files.createDirectories(dir);
            }
            link(layout.lib(), layout.dist().resolve("lib"));
            link(layout.opt(), layout.dist().resolve("opt"));
            link(layout.plugins(), layout.dist().resolve("plugins"));
        } catch (IOException e) {
            throw new LauncherException(
                    "Cannot prepare the state folder " + layout.state() + ": " + e, e);
        }
    }

    /**
     * lib/, opt/ and plugins/ are links into the assembled distribution, so a rebuild is picked up.
     */
    private static void link(Path link, Path target) throws IOException {
        if (Files.isSymbolicLink(link)) {
            if (Files.readSymbolicLink(link).equals(target)) {
                return;
            }
            Files.delete(link);
        } else if (Files.exists(link)) {
            throw new LauncherException(
                    link
                            + " exists and is not a link to "
                            + target
                            + ": remove it and run up again.");
        }
        Files.createSymbolicLink(link, target);
    }

    private void printSummary(FlinkConfig config, Settings settings, Emulators emulators) {
        out.println();
        out.println("Flink web UI   " + config.restUrl());
        emulators.printSummary();
        out.println("Logs           " + layout.log());
        out.println(
                "Data           " + layout.data() + " (checkpoints, savepoints, emulator data)");
        out.println("Configuration  " + layout.conf().resolve("config.yaml"));
        out.println("Stop with      deploy/local/riffle down");
    }
}
