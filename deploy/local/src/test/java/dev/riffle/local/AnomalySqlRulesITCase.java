package dev.riffle.local;

import dev.riffle.common.alert.Alert;
import dev.riffle.common.alert.AlertJson;
import dev.riffle.local.RiffleCli.Run;
import dev.riffle.testing.Await;
import dev.riffle.testing.LocalAws;
import dev.riffle.testing.kinesis.StreamRecord;
import dev.riffle.testing.kinesis.TestStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The anomaly rules of sql/anomaly as a user runs them: {@code riffle sql} submits each script
 * unchanged through the real SQL client to the local cluster, reading the events stream of
 * kinesis-mock with Riffle's {@code kinesis} connector and writing alerts to another stream. The
 * events are 40 minutes of event time (written in seconds): steady traffic, a checkout error burst
 * of one merchant in minutes 20 to 22 and a transaction spike of another in minutes 30 and 31. The
 * alerts stream must hold exactly the burst's and the spike's alerts once the jobs' watermarks have
 * passed the last minute and a checkpoint has flushed their sinks: nothing for the quiet minutes
 * before and after.
 */
@Tag("slow")
class AnomalySqlRulesITCase {
    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    private static final int MINUTES = 40;
    private static final String EVENTS = "anomaly-events";
    private static final String ALERTS = "anomaly-alerts";
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KINESIS_TABLE_FACTORY =
            "connectors/kinesis/src/main/java/dev/riffle/connector/kinesis/table/"
                    + "KinesisDynamicTableFactory.java";

    private static Path repo;
    private static Path state;
    private static Map<String, Integer> ports;
    private static boolean upDone;

    @BeforeAll
    static void up() throws Exception {
        repo = Path.of(System.getProperty("riffle.repo.root")).toAbsolutePath();
        assumeTrue(
                Files.isRegularFile(repo.resolve(SqlCommand.KINESIS_SQL_MODULE).resolve("pom.xml"))
                        && Files.readString(repo.resolve(KINESIS_TABLE_FACTORY))
                                .contains("DynamicTableSinkFactory"),
                "connectors/kinesis-sql with the 'kinesis' connector's write side has not landed:"
                        + " the rules run in the SQL client once it has");
        state = repo.resolve("deploy/local/target/it-anomaly-" + ProcessHandle.current().pid());
        Files.createDirectories(state);
        LauncherPorts launcherPorts = LauncherPorts.allocate();
        ports = launcherPorts.ports();
        List<String> settings = launcherPorts.settings();
        settings.add("streams = " + EVENTS + ":2, " + ALERTS + ":1");
        settings.add("flink.taskmanager.memory.process.size = 1536m");
        settings.add("flink.jobmanager.memory.process.size = 768m");
        // Sinks flush on checkpoints: a short interval ends the test sooner.
        settings.add("flink.execution.checkpointing.interval = 2 s");
        Files.write(state.resolve("riffle.properties"), settings);

        Run up = riffle("up");
        upDone = true;
        assertThat(up.exit()).as(up.output()).isZero();
    }

    @AfterAll
    static void down() throws Exception {
        if (upDone) {
            riffle("down");
        }
    }

    @Test
    void theRulesRaiseTheSpikeAndTheBurstAndNothingInTheQuietMinutes() throws Exception {
        try (KinesisClient kinesis = kinesisClient()) {
            TestStream events = new TestStream(kinesis, EVENTS, arn(EVENTS), 2);
            TestStream alerts = new TestStream(kinesis, ALERTS, arn(ALERTS), 1);
            events.putAll(events());

            for (String script : List.of("merchant-spike", "checkout-health")) {
                Run sql =
                        riffle(
                                "sql",
                                repo.resolve("sql/anomaly/" + script + ".sql").toString(),
                                "--var",
                                "events.stream=" + EVENTS,
                                "--var",
                                "alerts.stream=" + ALERTS,
                                "--var",
                                "events.init-position=TRIM_HORIZON");
                assertThat(sql.exit()).as(sql.output()).isZero();
            }
            List<String> jobs = new ArrayList<>();
            for (String name : List.of("riffle-sql-merchant-spike", "riffle-sql-checkout-health")) {
                jobs.add(
                        Await.until(
                                DEADLINE,
                                () -> runningJob(name),
                                id -> id != null,
                                "job " + name + " running"));
            }
            // Every window up to the last minute has fired once each job's last operator has seen
            // a watermark past it; a checkpoint after that has flushed the Kinesis sinks.
            Instant lastWindowEnd = at(MINUTES - 1, 0);
            for (String job : jobs) {
                Await.until(
                        DEADLINE,
                        () -> minInputWatermarkOfLastVertex(job),
                        w -> w >= lastWindowEnd.toEpochMilli(),
                        "job " + job + " to pass " + lastWindowEnd);
                long completed = completedCheckpoints(job);
                Await.until(
                        DEADLINE,
                        () -> completedCheckpoints(job),
                        n -> n > completed,
                        "a checkpoint of job " + job);
            }

            List<Alert> raised = new ArrayList<>();
            for (StreamRecord r : alerts.readAll()) {
                Alert a = AlertJson.fromJson(r.text());
                assertThat(a.alertId())
                        .as(r.text())
                        .isEqualTo(Alert.idFor(a.what(), a.key(), a.windowEnd()));
                raised.add(a);
            }
            raised.sort(
                    Comparator.comparing(Alert::what)
                            .thenComparing(Alert::key)
                            .thenComparing(Alert::windowEnd));
            // Kinesis delivery is at-least-once: compare the distinct alerts.
            List<Alert> distinct = new ArrayList<>();
            raised.stream()
                    .filter(a -> distinct.stream().noneMatch(d -> d.alertId().equals(a.alertId())))
                    .forEach(distinct::add);
            List<org.assertj.core.groups.Tuple> expected = new ArrayList<>();
            for (int end = 21; end <= 27; end++) {
                expected.add(tuple("checkout-health", "m-1", at(end, 0)));
            }
            expected.add(tuple("merchant-spike", "m-2", at(31, 0)));
            expected.add(tuple("merchant-spike", "m-2", at(32, 0)));
            assertThat(distinct)
                    .extracting(Alert::what, Alert::key, Alert::windowEnd)
                    .containsExactlyElementsOf(expected);
            Alert spike =
                    distinct.stream()
                            .filter(a -> a.what().equals("merchant-spike"))
                            .findFirst()
                            .get();
            assertThat(spike.observed()).isEqualTo(36.0);
            assertThat(spike.expected()).isEqualTo(6.0);
            assertThat(spike.explanation())
                    .isEqualTo(
                            "36 transactions in one minute, 6.0x the trailing 10-minute average"
                                    + " of 6.0");
            for (String job : jobs) {
                http("PATCH", "/jobs/" + job + "?mode=cancel");
            }
        }
    }

    /**
     * 40 minutes of events: m-1 12 transactions a minute, m-2 6 (36 in minutes 30 and 31), m-3 3;
     * m-1 20 checkouts a minute, one in 200 failing, every second one failing in minutes 20 to 22;
     * m-2 4 checkouts a minute (below the rule's minimum volume whatever fails).
     */
    private static List<PutRecordsRequestEntry> events() {
        List<String[]> keyed = new ArrayList<>();
        for (int minute = 0; minute < MINUTES; minute++) {
            transactions(keyed, "m-1", minute, 12);
            transactions(keyed, "m-2", minute, minute == 30 || minute == 31 ? 36 : 6);
            transactions(keyed, "m-3", minute, 3);
            for (int i = 0; i < 20; i++) {
                long n = minute * 20L + i;
                boolean error = (minute >= 20 && minute <= 22) ? i % 2 == 0 : n % 200 == 7;
                keyed.add(checkout("m-1", at(minute, i * 3), error));
            }
            for (int i = 0; i < 4; i++) {
                keyed.add(checkout("m-2", at(minute, i * 15 + 1), i == 0));
            }
        }
        keyed.sort(Comparator.comparing(e -> e[2]));
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (String[] e : keyed) {
            entries.add(TestStream.entry(e[0], e[1]));
        }
        return entries;
    }

    private static void transactions(List<String[]> out, String merchant, int minute, int count) {
        for (int i = 0; i < count; i++) {
            Instant at = at(minute, i * 60.0 / count + 0.5);
            out.add(
                    new String[] {
                        merchant,
                        String.format(
                                Locale.ROOT,
                                "{\"eventId\":\"t-%s-%d-%d\",\"type\":\"transaction\","
                                        + "\"occurredAt\":\"%s\",\"merchantId\":\"%s\"}",
                                merchant,
                                minute,
                                i,
                                at,
                                merchant),
                        at.toString()
                    });
        }
    }

    private static String[] checkout(String merchant, Instant at, boolean error) {
        return new String[] {
            merchant,
            String.format(
                    "{\"eventId\":\"c-%s-%d\",\"type\":\"checkout\",\"occurredAt\":\"%s\","
                            + "\"merchantId\":\"%s\",\"outcome\":\"%s\"}",
                    merchant, at.toEpochMilli(), at, merchant, error ? "error" : "ok"),
            at.toString()
        };
    }

    private static Instant at(int minute, double second) {
        return START.plusMillis((long) (minute * 60_000L + second * 1000));
    }

    private static String arn(String stream) {
        return "arn:aws:kinesis:"
                + LocalAws.REGION
                + ":"
                + LocalAws.ACCOUNT_ID
                + ":stream/"
                + stream;
    }

    private static KinesisClient kinesisClient() {
        return KinesisClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + ports.get("kinesis.port")))
                .region(Region.of(LocalAws.REGION))
                .credentialsProvider(LocalAws.credentials())
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    // ---- the cluster's REST API -----------------------------------------------------------------

    private static String runningJob(String name) throws Exception {
        for (JsonNode job : http("GET", "/jobs/overview").path("jobs")) {
            if (job.path("name").asText().equals(name)
                    && job.path("state").asText().equals("RUNNING")) {
                return job.path("jid").asText();
            }
        }
        return null;
    }

    /** The lowest input watermark over the subtasks of the job's last vertex (the sink's). */
    private static long minInputWatermarkOfLastVertex(String job) throws Exception {
        JsonNode plan = http("GET", "/jobs/" + job).path("vertices");
        String last = plan.get(plan.size() - 1).path("id").asText();
        long min = Long.MAX_VALUE;
        int seen = 0;
        for (JsonNode w : http("GET", "/jobs/" + job + "/vertices/" + last + "/watermarks")) {
            if (w.path("id").asText().endsWith(".currentInputWatermark")) {
                min = Math.min(min, Long.parseLong(w.path("value").asText()));
                seen++;
            }
        }
        return seen == 0 ? Long.MIN_VALUE : min;
    }

    private static long completedCheckpoints(String job) throws Exception {
        return http("GET", "/jobs/" + job + "/checkpoints")
                .path("counts")
                .path("completed")
                .asLong();
    }

    private static JsonNode http(String method, String path) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://127.0.0.1:" + ports.get("flink.rest.port") + path))
                        .timeout(Duration.ofSeconds(10))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build();
        String body =
                HttpClient.newHttpClient()
                        .send(request, HttpResponse.BodyHandlers.ofString())
                        .body();
        return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    }

    // ---- the launcher ---------------------------------------------------------------------------

    private static Run riffle(String... args) throws IOException, InterruptedException {
        return RiffleCli.run(repo, state, repo, Duration.ofMinutes(3), args);
    }
}
