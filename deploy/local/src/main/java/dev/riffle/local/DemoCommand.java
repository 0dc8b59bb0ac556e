package dev.riffle.local;

import dev.riffle.local.demo.report.ReportRenderer;
import dev.riffle.local.demo.sampling.JobSampler;
import dev.riffle.local.demo.sampling.LakeWatcher;
import dev.riffle.local.demo.sampling.Percentiles;
import dev.riffle.local.demo.sampling.Recorder;
import dev.riffle.local.demo.sampling.Recording;
import dev.riffle.local.demo.sampling.Recording.JobRun;
import dev.riffle.local.demo.sampling.Recording.JobSample;
import dev.riffle.local.demo.sampling.Recording.Status;
import dev.riffle.local.demo.sampling.Records;
import dev.riffle.local.demo.sampling.StreamTail;
import dev.riffle.local.demo.sampling.SummaryView;
import dev.riffle.testing.LocalAws;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code riffle demo [--duration D] [--rate N] [--down]}: {@code up}, then the whole pipeline on
 * generated traffic (see {@link DemoPlan}), a live summary every few seconds, and at the end an
 * HTML report ({@code <state>/demo/report.html}) and the measured freshness and alert latency as
 * BENCH lines. Parts whose pieces are not there yet are skipped with the reason. Ctrl-C or the end
 * of {@code --duration} stops the traffic and cancels the demo's jobs; the cluster and the
 * emulators keep running unless {@code --down} is given.
 */
final class DemoCommand {
    static final String USAGE =
            "Usage: riffle demo [--duration D] [--rate N] [--history D] [--down]\n"
                    + "  --duration D  stop by itself after D (e.g. 90s, 5m, 1h); default: run"
                    + " until Ctrl-C\n"
                    + "  --rate N      generated raw events per second (default 20)\n"
                    + "  --history D   first write D of past traffic as fast as the stream takes"
                    + " it, so rules\n"
                    + "                that compare with the past can alert early (e.g. 11m);"
                    + " default none\n"
                    + "  --down        stop the cluster and the emulators at the end, as `riffle"
                    + " down` does";

    /**
     * The launcher's own round trips through the cluster (built-in connectors; the kinesis SQL
     * connector), run by its integration test and by hand with {@code riffle sql}; the demo runs
     * the suite's jobs instead.
     */
    static final String ROUND_TRIP = "deploy/local/sql/round-trip.sql";

    static final String KINESIS_ROUND_TRIP = "deploy/local/sql/kinesis-round-trip.sql";

    /** Config.yaml keys the demo's cluster needs: one slot per job of the pipeline. */
    static final Map<String, String> FLINK_DEFAULTS = Map.of("taskmanager.numberOfTaskSlots", "8");

    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(2);
    private static final Duration PRINT_EVERY = Duration.ofSeconds(6);
    private static final DateTimeFormatter RUN_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Layout layout;
    private final PrintStream out;
    private final List<Process> children = new ArrayList<>();
    private final java.util.ArrayDeque<DemoPlan.Traffic> pending = new java.util.ArrayDeque<>();
    private Process history;
    private final Map<String, String> jobIds = new LinkedHashMap<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);

    /** Reads what is left on the alerts and dead-letter streams once the jobs are cancelled. */
    private Runnable lastRead = () -> {};

    DemoCommand(Layout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    /** The demo's files: the report, the recording it is rendered from, labels, logs, configs. */
    static Path demoDir(Layout layout) {
        return layout.state().resolve("demo");
    }

    int run(List<String> args) {
        Options options = Options.parse(args);
        int status = new UpCommand(layout, out, FLINK_DEFAULTS).run();
        if (status != 0) {
            return status;
        }
        Settings settings = Settings.load(layout);
        Emulators emulators = new Emulators(layout, settings, out);
        FlinkConfig config = FlinkConfig.read(layout);
        FlinkRest rest = new FlinkRest(config.restUrl());
        Path dir = demoDir(layout);
        Path configs = dir.resolve("config");
        try {
            Files.createDirectories(configs);
            Files.deleteIfExists(dir.resolve(DemoPlan.LABELS));
        } catch (IOException e) {
            throw new LauncherException("Cannot create " + configs + ": " + e, e);
        }
        long start = System.currentTimeMillis();
        Recorder recorder =
                new Recorder(
                        RUN_ID.format(Instant.ofEpochMilli(start)),
                        start,
                        new Recording.LakeInfo(
                                emulators.bucket(),
                                layout.data().resolve("s3").resolve(emulators.bucket()).toString(),
                                emulators.s3Endpoint().toString()));
        Thread hook = new Thread(() -> interrupted(), "riffle-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (KinesisClient kinesis = kinesis(emulators);
                S3Client s3 = s3(emulators)) {
            LakeWatcher lake =
                    new LakeWatcher(
                            s3,
                            emulators.bucket(),
                            DemoPlan.EVENTS_PREFIX,
                            dir.resolve("tmp"),
                            recorder::startedAt);
            lake.baseline();
            Instant tailFrom = Instant.ofEpochMilli(start);
            StreamTail alerts = new StreamTail(kinesis, DemoPlan.ALERTS_STREAM, tailFrom);
            StreamTail deadLetters = new StreamTail(kinesis, DemoPlan.DEAD_LETTER_STREAM, tailFrom);
            lastRead = () -> drain(recorder, alerts, deadLetters);

            DemoPlan plan = new DemoPlan(layout, settings, emulators, dir, options, out);
            for (DemoPlan.Part part : plan.parts()) {
                if (stopping.get()) {
                    break;
                }
                plan.before(part)
                        .ifPresent(
                                t -> {
                                    out.println();
                                    out.println("== " + t.what());
                                    children.add(t.start());
                                });
                startPart(part, plan, rest, recorder);
            }
            if (!stopping.get()) {
                pending.addAll(plan.traffic(jobIds.keySet()));
                plan.trafficSkipped(jobIds.keySet()).forEach(r -> out.println("== " + r));
            }
            startTraffic(recorder);
            out.println();
            out.println(
                    "riffle: demo running"
                            + (options.duration() == null
                                    ? ""
                                    : " for " + options.duration().toSeconds() + " s")
                            + "; Ctrl-C stops it. Web UI: "
                            + config.restUrl());
            loop(options, rest, recorder, lake, alerts, deadLetters, dir);
            // Inside the try: the last read of the streams needs the open client.
            return finish(rest, recorder, dir, options);
        } catch (RuntimeException | Error e) {
            // Whatever broke, the demo's jobs and child processes must not outlive it.
            out.println("riffle: the demo stopped on an error: " + e);
            finish(rest, recorder, dir, options);
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for finish() above.
            }
        }
    }

    /** Ctrl-C: ask the loop to stop, then let it cancel the jobs and write the report. */
    private void interrupted() {
        stopping.set(true);
        try {
            finished.await(90, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startPart(DemoPlan.Part part, DemoPlan plan, FlinkRest rest, Recorder recorder) {
        out.println();
        Optional<String> missing = part.missing();
        if (missing.isPresent()) {
            out.println("== skipped " + part.name() + ": " + missing.get());
            recorder.job(new JobRun(part.name(), part.what(), Status.SKIPPED, null, missing.get()));
            return;
        }
        try {
            JsonNode overview = rest.overview();
            if (overview.path("slots-available").asInt(1) < 1) {
                String reason =
                        "no free task slot (the cluster has "
                                + overview.path("slots-total").asInt()
                                + "; `riffle down`, then `riffle demo` starts one with "
                                + FLINK_DEFAULTS.get("taskmanager.numberOfTaskSlots")
                                + ")";
                out.println("== skipped " + part.name() + ": " + reason);
                recorder.job(new JobRun(part.name(), part.what(), Status.SKIPPED, null, reason));
                return;
            }
            Set<String> before = jobIds(rest);
            out.println("== starting " + part.name() + ": " + part.what());
            int exit = part.start().getAsInt();
            Set<String> after = jobIds(rest);
            after.removeAll(before);
            if (exit != 0 || after.isEmpty()) {
                String reason = "submission failed (exit " + exit + ", see the output above)";
                out.println("== " + part.name() + ": " + reason);
                recorder.job(new JobRun(part.name(), part.what(), Status.FAILED, null, reason));
                return;
            }
            String jobId = after.iterator().next();
            jobIds.put(part.name(), jobId);
            recorder.job(new JobRun(part.name(), part.what(), Status.SUBMITTED, jobId, null));
        } catch (IOException | LauncherException e) {
            String reason = e.getMessage();
            out.println("== " + part.name() + " failed: " + reason);
            recorder.job(new JobRun(part.name(), part.what(), Status.FAILED, null, reason));
        }
    }

    private static Set<String> jobIds(FlinkRest rest) throws IOException {
        Set<String> ids = new HashSet<>();
        for (JsonNode job : rest.jobs().path("jobs")) {
            ids.add(job.path("jid").asText());
        }
        return ids;
    }

    /**
     * Starts the pending traffic in order; a step that writes history runs to its end before the
     * next starts (the loop resumes them). The live run starts when the live traffic does.
     */
    private void startTraffic(Recorder recorder) {
        while (!pending.isEmpty()) {
            DemoPlan.Traffic t = pending.poll();
            out.println("== " + t.what());
            Process process = t.start();
            children.add(process);
            if (t.history()) {
                history = process;
                return;
            }
        }
        recorder.started(System.currentTimeMillis());
    }

    private void loop(
            Options options,
            FlinkRest rest,
            Recorder recorder,
            LakeWatcher lake,
            StreamTail alerts,
            StreamTail deadLetters,
            Path dir) {
        JobSampler sampler = new JobSampler(rest::get);
        long deadline =
                options.duration() == null
                        ? Long.MAX_VALUE
                        : System.currentTimeMillis() + options.duration().toMillis();
        long nextPrint = System.currentTimeMillis() + PRINT_EVERY.toMillis();
        while (!stopping.get() && System.currentTimeMillis() < deadline) {
            long now = System.currentTimeMillis();
            if (history != null && !history.isAlive()) {
                out.println("== history written (exit " + history.exitValue() + ")");
                history = null;
                startTraffic(recorder);
                if (options.duration() != null) {
                    // --duration is the live traffic's: the history did not count.
                    deadline = System.currentTimeMillis() + options.duration().toMillis();
                }
            }
            List<JobSample> round = new ArrayList<>();
            jobIds.forEach(
                    (name, id) -> {
                        try {
                            round.add(sampler.sample(name, id, now));
                        } catch (IOException e) {
                            // The REST API is busy or the job is restarting: next round.
                        }
                    });
            recorder.samples(round);
            try {
                read(recorder, alerts, deadLetters);
                lake.poll().forEach(recorder::lakeFile);
                recorder.labels(Records.labels(dir.resolve(DemoPlan.LABELS)));
            } catch (IOException | RuntimeException | LinkageError e) {
                out.println("  (could not read the streams or the lake this round: " + e + ")");
            }
            if (now >= nextPrint) {
                out.print(SummaryView.render(recorder.snapshot(), now));
                out.flush();
                nextPrint = now + PRINT_EVERY.toMillis();
            }
            pause(Math.min(SAMPLE_EVERY.toMillis(), Math.max(0, deadline - now)));
        }
    }

    /** Alerts and dead letters that arrived since the last call; the number of alerts read. */
    private int read(Recorder recorder, StreamTail alerts, StreamTail deadLetters) {
        int read = 0;
        for (StreamTail.Entry e : alerts.poll()) {
            read++;
            Records.alert(e.arrivedAt(), e.data())
                    .ifPresent(
                            a -> {
                                recorder.alert(a);
                                out.println("  ALERT " + SummaryView.alertLine(a));
                            });
        }
        for (StreamTail.Entry e : deadLetters.poll()) {
            Records.deadLetter(e.arrivedAt(), e.data()).ifPresent(recorder::deadLetter);
        }
        return read;
    }

    /**
     * Reads the streams to their end: a round that could not read (kinesis-mock busy) or a backlog
     * must not leave alerts out of the figures. Latency comes from Kinesis' arrival times, not from
     * when the demo reads them.
     */
    private void drain(Recorder recorder, StreamTail alerts, StreamTail deadLetters) {
        for (int round = 0; round < 20; round++) {
            try {
                if (read(recorder, alerts, deadLetters) == 0) {
                    return;
                }
            } catch (RuntimeException e) {
                out.println("  (could not read the streams at the end: " + e + ")");
                return;
            }
        }
    }

    /** Stops the traffic, cancels the jobs, writes the report. Runs once. */
    private int finish(FlinkRest rest, Recorder recorder, Path dir, Options options) {
        if (finished.getCount() == 0) {
            return 0;
        }
        try {
            out.println();
            out.println("riffle: stopping the demo: traffic, then its jobs");
            for (Process child : children) {
                child.destroy();
            }
            for (Process child : children) {
                try {
                    if (!child.waitFor(10, TimeUnit.SECONDS)) {
                        child.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            jobIds.forEach(
                    (name, id) -> {
                        try {
                            rest.cancel(id);
                            out.println("  cancelled " + name + " (job " + id + ")");
                        } catch (IOException e) {
                            out.println("  could not cancel " + name + ": " + e.getMessage());
                        }
                    });
            recorder.ended(System.currentTimeMillis());
            lastRead.run();
            Recording recording = recorder.snapshot();
            out.print(SummaryView.render(recording, recording.endedAt()));
            Path report = writeReport(recording, dir);
            printBench(recording);
            out.println("riffle: report " + report);
            if (options.down()) {
                new DownCommand(layout, out).run();
            } else {
                out.println(
                        "riffle: the cluster and the emulators keep running (web UI, `riffle"
                                + " sql`, the lake); stop them with `deploy/local/riffle down`.");
            }
            return 0;
        } finally {
            finished.countDown();
        }
    }

    static Path writeReport(Recording recording, Path dir) {
        Path report = dir.resolve("report.html");
        try {
            Recorder.save(recording, dir.resolve("recording.json"));
            Files.writeString(report, ReportRenderer.render(recording));
        } catch (IOException e) {
            throw new LauncherException("Cannot write the report to " + dir + ": " + e, e);
        }
        return report;
    }

    /**
     * The measured numbers in the benchmarks' format. Freshness compares with Firehose's shortest
     * buffering interval (60 s); alert latency (all alerts, then per detector) has no baseline.
     */
    void printBench(Recording recording) {
        List<Long> freshness = new ArrayList<>();
        recording.lakeFiles().forEach(f -> freshness.addAll(f.freshnessMillis()));
        Percentiles f = Percentiles.of(freshness);
        if (f.count() > 0) {
            out.println(
                    String.format(
                            Locale.ROOT,
                            "BENCH e2e-freshness p50_ms=%d baseline=%d ratio=%.3f (p99_ms=%d"
                                    + " max_ms=%d n=%d; baseline: Firehose's minimum 60 s"
                                    + " buffer)",
                            f.p50(),
                            ReportRenderer.FIREHOSE_MIN_BUFFER_MILLIS,
                            f.p50() / (double) ReportRenderer.FIREHOSE_MIN_BUFFER_MILLIS,
                            f.p99(),
                            f.max(),
                            f.count()));
        }
        alertLatency("e2e-alert-latency", ReportRenderer.latencies(recording), "all alerts");
        alertLatency(
                "e2e-alert-latency-datastream",
                ReportRenderer.latencies(recording, ReportRenderer.DATASTREAM),
                "rcf and merchant-spike");
        alertLatency(
                "e2e-alert-latency-sql",
                ReportRenderer.latencies(recording, ReportRenderer.SQL),
                "telemetry-breach.sql");
    }

    private void alertLatency(String name, List<Long> latencies, String which) {
        Percentiles l = Percentiles.of(latencies);
        if (l.count() > 0) {
            out.println(
                    String.format(
                            Locale.ROOT,
                            "BENCH %s p50_ms=%d p99_ms=%d (p90_ms=%d max_ms=%d n=%d, %s; no"
                                    + " baseline)",
                            name,
                            l.p50(),
                            l.p99(),
                            l.p90(),
                            l.max(),
                            l.count(),
                            which));
        }
    }

    /** {@code riffle report}: renders the last demo's recording again. */
    static int report(Layout layout, PrintStream out) {
        Path dir = demoDir(layout);
        Path recording = dir.resolve("recording.json");
        if (!Files.isRegularFile(recording)) {
            throw new LauncherException(
                    "No demo recording in " + dir + ": run `deploy/local/riffle demo` first.");
        }
        try {
            Path report = writeReport(Recorder.load(recording), dir);
            out.println("riffle: report " + report);
            return 0;
        } catch (IOException e) {
            throw new LauncherException("Cannot read " + recording + ": " + e, e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // the sampling interval, not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static KinesisClient kinesis(Emulators emulators) {
        return KinesisClient.builder()
                .endpointOverride(emulators.kinesisEndpoint())
                .region(Region.of(emulators.region()))
                .credentialsProvider(LocalAws.credentials())
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    private static S3Client s3(Emulators emulators) {
        return S3Client.builder()
                .endpointOverride(emulators.s3Endpoint())
                .region(Region.of(emulators.region()))
                .credentialsProvider(LocalAws.credentials())
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /** The demo's command line. */
    record Options(Duration duration, double rate, boolean down, Duration history) {
        static Options parse(List<String> args) {
            Duration duration = null;
            Duration history = Duration.ZERO;
            double rate = 20;
            boolean down = false;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--down")) {
                    down = true;
                } else if (arg.equals("--duration") && i + 1 < args.size()) {
                    duration = duration(args.get(++i));
                } else if (arg.equals("--history") && i + 1 < args.size()) {
                    history = duration(args.get(++i));
                } else if (arg.equals("--rate") && i + 1 < args.size()) {
                    String value = args.get(++i);
                    try {
                        rate = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        rate = -1;
                    }
                    if (!(rate > 0 && rate <= 1000)) {
                        throw new LauncherException(
                                "Invalid value "
                                        + value
                                        + " for --rate: not a rate. Accepted: records per second"
                                        + " from 0 (exclusive) to 1000.");
                    }
                } else {
                    throw new LauncherException("Unknown argument " + arg + ".\n" + USAGE);
                }
            }
            return new Options(duration, rate, down, history);
        }

        /** {@code 90s}, {@code 5m}, {@code 1h}, or seconds. */
        static Duration duration(String value) {
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("(\\d+)\\s*(s|m|h)?").matcher(value.trim());
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new LauncherException(
                        "Invalid value "
                                + value
                                + " for --duration: not a duration. Accepted: a positive number"
                                + " of seconds, minutes or hours, e.g. 90s, 5m, 1h.");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
    }

    /** Where the generator and the camera write their output. */
    static ProcessBuilder child(List<String> command, Path log, Path workDir) {
        return new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }
}
