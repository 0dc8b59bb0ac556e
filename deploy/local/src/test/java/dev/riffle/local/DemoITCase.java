package dev.riffle.local;

import dev.riffle.local.RiffleCli.Run;
import dev.riffle.local.demo.sampling.Recorder;
import dev.riffle.local.demo.sampling.Recording;
import dev.riffle.local.demo.sampling.Recording.JobRun;
import dev.riffle.local.demo.sampling.Recording.JobSample;
import dev.riffle.local.demo.sampling.Recording.Status;
import dev.riffle.local.demo.sampling.SummaryView;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code riffle demo --duration 50s --down} as a user runs it, on free ports with its own state
 * folder: every part of the pipeline that is on the branch is submitted (the rest is skipped with
 * its reason), records flow through each submitted job, the live summary is printed, and the report
 * has its sections. It ends by itself and leaves no process behind.
 */
@Tag("slow")
class DemoITCase {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(7);

    /** Parts that read the generator's traffic, which only flows once ingestion runs. */
    private static final Set<String> FED_BY_INGESTION =
            Set.of(
                    "ingestion",
                    "parquet-events",
                    "parquet-dead-letters",
                    "anomaly-detection",
                    "sql-telemetry-breach");

    private static Path repo;
    private static Path state;

    @AfterAll
    static void down() throws Exception {
        if (state != null) {
            riffle("down");
        }
    }

    @Test
    void demoRunsThePipelineShowsASummaryAndWritesTheReport() throws Exception {
        repo = Path.of(System.getProperty("riffle.repo.root")).toAbsolutePath();
        state = repo.resolve("deploy/local/target/demo-it-state-" + ProcessHandle.current().pid());
        Files.createDirectories(state);
        LauncherPorts launcherPorts = LauncherPorts.allocate("demo.camera.port");
        Map<String, Integer> ports = launcherPorts.ports();
        List<String> settings = launcherPorts.settings();
        settings.add("flink.jobmanager.memory.process.size = 768m");
        Files.write(state.resolve("riffle.properties"), settings);

        Run demo = riffle("demo", "--duration", "50s", "--rate", "20", "--down");

        assertThat(demo.exit()).as(demo.output()).isZero();
        Recording recording = Recorder.load(state.resolve("demo/recording.json"));
        List<String> submitted =
                recording.jobs().stream()
                        .filter(j -> j.status() == Status.SUBMITTED)
                        .map(JobRun::name)
                        .toList();
        // What is on every branch since the demo exists: Parquet delivery and video enrichment.
        assertThat(submitted)
                .as(demo.output())
                .contains("parquet-events", "parquet-dead-letters", "video-enrichment");
        for (JobRun job : recording.jobs()) {
            switch (job.status()) {
                case SUBMITTED ->
                        assertThat(demo.output())
                                .contains("== starting " + job.name())
                                .contains("cancelled " + job.name() + " (job " + job.jobId() + ")");
                case SKIPPED ->
                        assertThat(demo.output())
                                .contains("== skipped " + job.name() + ": " + job.reason());
                case FAILED -> throw new AssertionError(job + "\n" + demo.output());
            }
        }

        // Records flow through every job whose input has traffic.
        boolean generated = submitted.contains("ingestion");
        Map<String, JobSample> last = SummaryView.latest(recording.samples());
        for (String job : submitted) {
            if (generated || !FED_BY_INGESTION.contains(job)) {
                assertThat(last.get(job)).as(job + " sampled\n" + demo.output()).isNotNull();
                assertThat(last.get(job).in())
                        .as(job + " records in\n" + demo.output())
                        .isPositive();
            }
        }
        if (generated) {
            assertThat(last.get("ingestion").out()).as("ingestion records out").isPositive();
            assertThat(recording.deadLetters())
                    .as("dead letters of malformed records")
                    .isNotEmpty();
            assertThat(recording.lakeFiles())
                    .as("events committed to the lake")
                    .anySatisfy(
                            f -> {
                                assertThat(f.key()).startsWith("events/type=");
                                assertThat(f.rows()).isPositive();
                                assertThat(f.freshnessMillis()).hasSize((int) f.rows());
                            });
            assertThat(demo.output())
                    .containsPattern("BENCH e2e-freshness p50_ms=\\d+ baseline=60000");
        } else {
            assertThat(demo.output())
                    .contains(
                            "== generator not started: nothing reads [raw-events] without"
                                    + " ingestion");
        }

        // The live summary, refreshed while it ran.
        assertThat(demo.output())
                .containsPattern("-- riffle demo, 00:\\d\\d -")
                .containsPattern("video-enrichment +RUNNING +\\d+ +\\d+")
                .contains("  dead letters: ")
                .contains("  lake: ")
                .contains("  alerts: ");

        Path report = state.resolve("demo/report.html");
        assertThat(demo.output()).contains("riffle: report " + report);
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(html)
                .contains("<h2 id=\"traffic\">Traffic over time</h2>")
                .contains("<h2 id=\"anomalies\">Injected anomalies and alerts</h2>")
                .contains("<h2 id=\"dead-letters\">Dead letters by reason</h2>")
                .contains("<h2 id=\"freshness-latency\">Freshness and latency</h2>")
                .contains("<h2 id=\"lake\">The Parquet files</h2>")
                .contains("<td>video-enrichment</td>");
        for (Recording.AnomalyLabel label : recording.labels()) {
            assertThat(html).contains("<td>" + label.kind() + "</td><td>" + label.key() + "</td>");
        }

        // --down stopped what up started.
        assertThat(demo.output()).contains("taskmanager  stopped").contains("kinesis-mock stopped");
        ports.forEach(
                (key, port) ->
                        assertThat(Ports.isFree(port)).as(key + " " + port + " free").isTrue());

        // `riffle report` renders the same recording again.
        Files.delete(report);
        Run again = riffle("report");
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(Files.readString(report, StandardCharsets.UTF_8)).isEqualTo(html);
    }

    private static Run riffle(String... args) throws IOException, InterruptedException {
        return RiffleCli.run(repo, state, repo, COMMAND_TIMEOUT, args);
    }
}
