package dev.riffle.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * What {@code riffle demo} runs, in pipeline order, and what each part needs before it can run:
 *
 * <ol>
 *   <li>ingestion ({@code [raw-events]} to {@code [events]} and {@code [dead-letters]});
 *   <li>Parquet delivery of events to {@code s3://<bucket>/events/};
 *   <li>Parquet delivery of dead letters to {@code s3://<bucket>/errors/};
 *   <li>the DataStream anomaly detector ({@code [events]} to {@code [alerts]});
 *   <li>the telemetry-breach SQL rule in the SQL client (needs the kinesis SQL connector);
 *   <li>video enrichment (a simulated camera and its Rekognition records);
 * </ol>
 *
 * then the traffic: the generator into {@code [raw-events]} (with labelled anomalies and malformed
 * records) once ingestion runs, and the simulated camera once video enrichment runs.
 *
 * <p>A job runs when its module and its configuration {@code deploy/local/config/<file>.json} are
 * on the branch; the file is rendered with the same {@code ${name}} values as SQL scripts (plus
 * {@code ${demo.dir}} and {@code ${camera.endpoint}}) into {@code <state>/demo/config/}.
 */
final class DemoPlan {
    static final String ALERTS_STREAM = "alerts";
    static final String DEAD_LETTER_STREAM = "dead-letters";
    static final String RAW_EVENTS_STREAM = "raw-events";
    static final String EVENTS_PREFIX = "events/";
    static final String LABELS = "labels.jsonl";
    static final String CONFIG_DIR = "deploy/local/config";

    /**
     * The SQL rule the demo runs: the one that can alert within seconds on the demo's traffic (no
     * history needed) and whose alerts ({@code telemetry-breach}) no other part writes, so their
     * latency is the SQL path's. merchant-spike.sql needs 11 minutes of history, and its alerts
     * have the same ids as the DataStream detector's merchant-spike rule.
     */
    static final String SQL_RULE = "sql/anomaly/telemetry-breach.sql";

    static final String SQL_PART = "sql-telemetry-breach";
    static final String CAMERA_PORT = "demo.camera.port";

    /**
     * One device: its three metric series get a reading a second at the default rate, so the forest
     * (a 256-point warm-up per series) scores them after about 5 minutes of traffic.
     */
    static final int DEVICES = 1;

    /**
     * A new labelled anomaly every 30 s of the live traffic, each 25 s long: a 5-minute demo gets
     * nine, enough alerts for a latency distribution (a breach alone raises about six). The kinds
     * are the ones the demo's detectors can catch within minutes: a limit breach (the SQL rule, and
     * the forest), a merchant's volume spike (the DataStream merchant-spike rule over {@link
     * #SERIES_INTERVAL}s) and a level shift (the forest). A checkout error burst needs per-minute
     * error rates with an hour of history.
     */
    static final java.time.Duration ANOMALY_EVERY = java.time.Duration.ofSeconds(30);

    static final java.time.Duration ANOMALY_LENGTH = java.time.Duration.ofSeconds(25);
    static final String ANOMALY_KINDS =
            "telemetry_limit_breach,merchant_volume_spike,telemetry_level_shift";

    /**
     * The DataStream detector's series interval in the demo (the job's default is a minute): its
     * merchant-spike rule compares an interval with the 10 before it, so 10 s intervals alert after
     * 100 s of traffic instead of 10 minutes.
     */
    static final String SERIES_INTERVAL = "10 s";

    /** A step of the pipeline. {@link #missing()} says why it cannot run, if it cannot. */
    record Part(String name, String what, Optional<String> missing, IntSupplier start) {}

    /** A traffic source: a child process. */
    record Traffic(String what, java.util.function.Supplier<Process> starter, boolean history) {
        Process start() {
            return starter.get();
        }
    }

    private final Layout layout;
    private final Settings settings;
    private final Emulators emulators;
    private final Path dir;
    private final DemoCommand.Options options;
    private final PrintStream out;

    DemoPlan(
            Layout layout,
            Settings settings,
            Emulators emulators,
            Path dir,
            DemoCommand.Options options,
            PrintStream out) {
        this.layout = layout;
        this.settings = settings;
        this.emulators = emulators;
        this.dir = dir;
        this.options = options;
        this.out = out;
    }

    List<Part> parts() {
        List<Part> parts = new ArrayList<>();
        parts.add(
                job(
                        "ingestion",
                        "ingestion",
                        "ingestion.json",
                        "[raw-events] -> validated events [events] + [dead-letters]"));
        parts.add(
                job(
                        "parquet-events",
                        "parquet-delivery",
                        "parquet-delivery-events.json",
                        "[events] -> Parquet in s3://" + emulators.bucket() + "/events/"));
        parts.add(
                job(
                        "parquet-dead-letters",
                        "parquet-delivery",
                        "parquet-delivery-dead-letters.json",
                        "[dead-letters] -> Parquet in s3://" + emulators.bucket() + "/errors/"));
        parts.add(
                job(
                        "anomaly-detection",
                        "anomaly-detection",
                        "anomaly-detection.json",
                        "[events] -> Random Cut Forest per series, merchant-spike rule ->"
                                + " [alerts]"));
        parts.add(sqlRule());
        parts.add(
                job(
                        "video-enrichment",
                        "video-enrichment",
                        "video-enrichment.json",
                        "camera fragments + [rekognition-results] -> enriched detections"));
        return parts;
    }

    private Part job(String name, String module, String configFile, String what) {
        Path moduleDir = layout.repo().resolve("jobs").resolve(module);
        Path config = layout.repo().resolve(CONFIG_DIR).resolve(configFile);
        Optional<String> missing = Optional.empty();
        if (!Files.isRegularFile(moduleDir.resolve("pom.xml"))) {
            missing = Optional.of("jobs/" + module + " is not on this branch yet");
        } else if (!Files.isRegularFile(config)) {
            missing =
                    Optional.of(
                            CONFIG_DIR
                                    + "/"
                                    + configFile
                                    + " is not on this branch yet (it lands with the job's"
                                    + " main())");
        }
        return new Part(
                name,
                what,
                missing,
                () ->
                        new SubmitCommand(layout, out)
                                .run(List.of(module, "--config", render(config).toString())));
    }

    private Part sqlRule() {
        SqlCommand sql = new SqlCommand(layout, out);
        Optional<String> missing = Optional.empty();
        if (!Files.isRegularFile(layout.repo().resolve(SQL_RULE))) {
            missing = Optional.of(SQL_RULE + " is not on this branch");
        } else if (!Files.isRegularFile(
                layout.repo().resolve(SqlCommand.KINESIS_SQL_MODULE).resolve("pom.xml"))) {
            missing =
                    Optional.of(
                            "the kinesis SQL connector ("
                                    + SqlCommand.KINESIS_SQL_MODULE
                                    + ") is not on this branch yet");
        } else if (!writesTables()) {
            missing =
                    Optional.of(
                            "the kinesis SQL connector cannot write the alerts yet (no table sink"
                                    + " in connectors/kinesis)");
        }
        return new Part(
                SQL_PART,
                "[events] -> " + SQL_RULE + " in the SQL client -> [alerts]",
                missing,
                () -> {
                    if (sql.kinesisSqlJar().isEmpty()) {
                        out.println("riffle: the kinesis SQL connector jar is not built");
                        return 1;
                    }
                    return sql.run(
                            List.of(
                                    layout.repo().resolve(SQL_RULE).toString(),
                                    "--var",
                                    "events.stream=events",
                                    "--var",
                                    "alerts.stream=" + ALERTS_STREAM,
                                    "--var",
                                    "events.init-position=LATEST"));
                });
    }

    /** Whether the kinesis SQL connector has its write side (a DynamicTableSink). */
    private boolean writesTables() {
        Path sources = layout.repo().resolve("connectors/kinesis/src/main/java");
        if (!Files.isDirectory(sources)) {
            return false;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .anyMatch(
                            f -> {
                                try {
                                    return Files.readString(f).contains("DynamicTableSinkFactory");
                                } catch (IOException e) {
                                    return false;
                                }
                            });
        } catch (IOException e) {
            return false;
        }
    }

    /** The generator, once ingestion runs (nothing else reads [raw-events]). */
    List<Traffic> traffic(Collection<String> running) {
        List<Traffic> traffic = new ArrayList<>();
        if (running.contains("ingestion")) {
            if (!options.history().isZero()) {
                traffic.add(
                        new Traffic(
                                "writing "
                                        + options.history().toMinutes()
                                        + " minutes of history into ["
                                        + RAW_EVENTS_STREAM
                                        + "] first (no anomalies; log "
                                        + dir.resolve("history.log")
                                        + ")",
                                this::startHistory,
                                true));
            }
            traffic.add(new Traffic(generatorDescription(), this::startGenerator, false));
        }
        return traffic;
    }

    /**
     * The simulated camera, started before video enrichment is submitted: the job's KVS source
     * finds the live stream, and the camera writes the registry the job reads.
     */
    Optional<Traffic> before(Part part) {
        if (part.name().equals("video-enrichment") && part.missing().isEmpty()) {
            return Optional.of(
                    new Traffic(
                            "starting the simulated camera (live KVS on "
                                    + cameraEndpoint()
                                    + ", Rekognition records into [rekognition-results])",
                            this::startCamera,
                            false));
        }
        return Optional.empty();
    }

    /** Why the generator was not started. */
    List<String> trafficSkipped(Collection<String> running) {
        List<String> reasons = new ArrayList<>();
        if (!running.contains("ingestion")) {
            reasons.add("generator not started: nothing reads [raw-events] without ingestion");
        }
        return reasons;
    }

    private String generatorDescription() {
        return String.format(
                java.util.Locale.ROOT,
                "starting the generator: %.0f raw events/s into [%s], 2%% malformed, a labelled"
                        + " anomaly every %d s (%s) in %s",
                options.rate(),
                RAW_EVENTS_STREAM,
                ANOMALY_EVERY.toSeconds(),
                ANOMALY_KINDS.replace(",", ", "),
                dir.resolve(LABELS));
    }

    /**
     * The generator in its own JVM, with a labelled anomaly every {@link #ANOMALY_EVERY}. A small
     * population (20 merchants, one device) keeps the series dense enough for the detectors within
     * minutes.
     */
    private Process startGenerator() {
        Duration duration = options.duration() == null ? Duration.ofHours(24) : options.duration();
        List<String> cmd = generatorJvm();
        cmd.addAll(
                List.of(
                        "--stream",
                        RAW_EVENTS_STREAM,
                        "--endpoint",
                        emulators.kinesisEndpoint().toString(),
                        "--region",
                        emulators.region(),
                        "--rate",
                        Double.toString(options.rate()),
                        "--duration",
                        duration.toSeconds() + "s",
                        "--anomaly-every",
                        ANOMALY_EVERY.toSeconds() + "s",
                        "--anomaly-duration",
                        ANOMALY_LENGTH.toSeconds() + "s",
                        "--anomaly-kinds",
                        ANOMALY_KINDS,
                        "--merchants",
                        "20",
                        "--devices",
                        Integer.toString(DEVICES),
                        "--labels",
                        dir.resolve(LABELS).toString()));
        return start(cmd, "generator");
    }

    /**
     * {@code --history D}: D of past traffic (no anomalies, another seed), written as fast as the
     * stream takes it and ending now, before the live traffic starts.
     */
    private Process startHistory() {
        List<String> cmd = generatorJvm();
        cmd.addAll(
                List.of(
                        "--stream",
                        RAW_EVENTS_STREAM,
                        "--endpoint",
                        emulators.kinesisEndpoint().toString(),
                        "--region",
                        emulators.region(),
                        "--rate",
                        Double.toString(options.rate()),
                        "--duration",
                        options.history().toSeconds() + "s",
                        "--time-scale",
                        "0",
                        "--anomalies",
                        "0",
                        "--seed",
                        "4242",
                        "--merchants",
                        "20",
                        "--devices",
                        Integer.toString(DEVICES)));
        return start(cmd, "history");
    }

    private static List<String> generatorJvm() {
        List<String> cmd = new ArrayList<>();
        cmd.add(FlinkProcesses.java());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        // test-data is on the launcher's classpath (riffle produce runs it in-process).
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.riffle.testdata.GeneratorMain");
        return cmd;
    }

    /** The simulated camera (connectors/testing) in its own JVM, with the launcher's classpath. */
    private Process startCamera() {
        List<String> cmd = new ArrayList<>();
        cmd.add(FlinkProcesses.java());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xmx128m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.riffle.testing.kvs.SimulatedCamera");
        cmd.addAll(
                List.of(
                        "--port",
                        Integer.toString(settings.port(CAMERA_PORT)),
                        "--stream",
                        "door",
                        "--kinesis-endpoint",
                        emulators.kinesisEndpoint().toString(),
                        "--rekognition-stream",
                        "rekognition-results",
                        "--registry",
                        dir.resolve("cameras.json").toString()));
        return start(cmd, "camera");
    }

    private Process start(List<String> cmd, String name) {
        Path log = dir.resolve(name + ".log");
        try {
            Files.deleteIfExists(log);
            return DemoCommand.child(cmd, log, dir).start();
        } catch (IOException e) {
            throw new LauncherException("Cannot start the " + name + ": " + e, e);
        }
    }

    /**
     * A demo shows its own traffic: Kinesis sources that would start at TRIM_HORIZON start at
     * LATEST instead (the streams keep earlier runs' records, which would be replayed).
     */
    static String fromLatest(String json, Path config) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper mapper =
                    new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.JsonNode groups = mapper.readTree(json);
            boolean changed = false;
            for (com.fasterxml.jackson.databind.JsonNode group : groups) {
                com.fasterxml.jackson.databind.JsonNode map = group.path("PropertyMap");
                if (map.path("source.init.position").asText().equals("TRIM_HORIZON")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) map)
                            .put("source.init.position", "LATEST");
                    changed = true;
                }
            }
            return changed
                    ? mapper.writerWithDefaultPrettyPrinter().writeValueAsString(groups)
                    : json;
        } catch (IOException | RuntimeException e) {
            throw new LauncherException("Cannot read " + config + " as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Sets one property in a configuration (adding the group if it has none). The demo's forests
     * warm up on 64 points per series instead of 256, and its series intervals are 10 s instead of
     * a minute, so they can alert within minutes; the job's own configuration keeps its tuned
     * defaults.
     */
    static String withSetting(String json, Path config, String group, String key, String value) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper mapper =
                    new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.node.ArrayNode groups =
                    (com.fasterxml.jackson.databind.node.ArrayNode) mapper.readTree(json);
            com.fasterxml.jackson.databind.node.ObjectNode map = null;
            for (com.fasterxml.jackson.databind.JsonNode g : groups) {
                if (g.path("PropertyGroupId").asText().equals(group)) {
                    map = (com.fasterxml.jackson.databind.node.ObjectNode) g.get("PropertyMap");
                }
            }
            if (map == null) {
                com.fasterxml.jackson.databind.node.ObjectNode g = groups.addObject();
                g.put("PropertyGroupId", group);
                map = g.putObject("PropertyMap");
            }
            map.put(key, value);
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(groups);
        } catch (IOException | RuntimeException e) {
            throw new LauncherException("Cannot read " + config + " as JSON: " + e.getMessage(), e);
        }
    }

    String cameraEndpoint() {
        return "http://127.0.0.1:" + settings.port(CAMERA_PORT);
    }

    /** The ${name} values a demo configuration may use. */
    Map<String, String> variables() {
        Map<String, String> v = new LinkedHashMap<>(new SqlCommand(layout, out).variables());
        v.put("demo.dir", dir.toString());
        v.put("camera.endpoint", cameraEndpoint());
        return v;
    }

    /**
     * Renders a configuration into the demo folder. Files written for the default ports (literal
     * {@code http://127.0.0.1:4567}, {@code :4570}) are pointed at the configured ones.
     */
    Path render(Path config) {
        try {
            String text = Files.readString(config);
            text = SqlTemplate.render(text, variables(), config.toString());
            text = fromLatest(text, config);
            if (config.getFileName().toString().equals("anomaly-detection.json")) {
                text = withSetting(text, config, "anomaly-detection", "detector.sample-size", "64");
                text =
                        withSetting(
                                text,
                                config,
                                "anomaly-detection",
                                "series.interval",
                                SERIES_INTERVAL);
            }
            text =
                    text.replace("http://127.0.0.1:4567", emulators.kinesisEndpoint().toString())
                            .replace(
                                    "http://localhost:4567", emulators.kinesisEndpoint().toString())
                            .replace("http://127.0.0.1:4570", cameraEndpoint())
                            .replace("http://127.0.0.1:4569", emulators.s3Endpoint().toString());
            Path rendered = dir.resolve("config").resolve(config.getFileName());
            Files.createDirectories(rendered.getParent());
            Files.writeString(rendered, text);
            return rendered;
        } catch (IOException e) {
            throw new LauncherException("Cannot render " + config + ": " + e, e);
        }
    }
}
