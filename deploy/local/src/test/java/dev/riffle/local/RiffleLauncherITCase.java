package dev.riffle.local;

import dev.riffle.local.RiffleCli.Run;
import dev.riffle.local.probe.SubmitProbeJob;
import dev.riffle.testing.Await;
import dev.riffle.testing.LocalAws;
import dev.riffle.testing.kinesis.StreamRecord;
import dev.riffle.testing.kinesis.TestStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs Riffle like a user does, through {@code deploy/local/riffle}: {@code up} starts
 * kinesis-mock, s3proxy and a standalone Flink session cluster as separate processes; the real SQL
 * client runs scripts against it; the ingestion job, submitted with its local configuration,
 * processes what {@code produce} writes; {@code down} leaves no process behind. Every port is a
 * free one and the state folder is the test's own, so the test runs beside a user's .riffle/ and
 * beside other builds.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RiffleLauncherITCase {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path repo;
    private static Path state;
    private static Map<String, Integer> ports;
    private static Run up;

    @BeforeAll
    static void up() throws Exception {
        repo = Path.of(System.getProperty("riffle.repo.root")).toAbsolutePath();
        state = repo.resolve("deploy/local/target/it-state-" + ProcessHandle.current().pid());
        Files.createDirectories(state);
        LauncherPorts launcherPorts = LauncherPorts.allocate();
        ports = launcherPorts.ports();
        List<String> settings = launcherPorts.settings();
        settings.add(
                "streams = riffle-it-events:2, riffle-smoke:1, raw-events:2, events:2,"
                        + " dead-letters:1");
        // Slim processes: the test only needs the cluster to run a few small statements.
        settings.add("flink.taskmanager.memory.process.size = 1280m");
        settings.add("flink.jobmanager.memory.process.size = 768m");
        Files.write(state.resolve("riffle.properties"), settings);

        up = riffle("up");
    }

    @AfterAll
    static void downAgain() throws Exception {
        // Whatever a failed test left behind: `down` is idempotent.
        if (state != null) {
            riffle("down");
        }
    }

    @Test
    @Order(1)
    void upStartsTheEmulatorsAndAClusterWithOneTaskManager() throws Exception {
        assertThat(up.exit()).as(up.output()).isZero();
        assertThat(up.output())
                .contains("kinesis-mock started (pid")
                .contains("s3proxy      started (pid")
                .contains("jobmanager   started (pid")
                .contains("taskmanager  started (pid")
                .contains("Flink web UI   http://127.0.0.1:" + ports.get("flink.rest.port"))
                .contains("riffle-it-events (2), riffle-smoke (1)")
                .contains("Logs           " + state.resolve("log"));

        JsonNode overview = rest("/overview");
        assertThat(overview.path("taskmanagers").asInt()).isEqualTo(1);
        assertThat(overview.path("slots-total").asInt()).isEqualTo(4);
        assertThat(overview.path("flink-version").asText()).isEqualTo("2.2.0");
    }

    @Test
    @Order(2)
    void aSecondUpReportsWhatAlreadyRunsAndStartsNothing() throws Exception {
        Map<String, Long> before = recordedPids();

        Run again = riffle("up");

        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(recordedPids()).isEqualTo(before);
        before.forEach(
                (name, pid) ->
                        assertThat(again.output())
                                .contains(
                                        String.format(
                                                "%-12s already running (pid %d)", name, pid)));
        assertThat(again.output()).doesNotContain("started (pid");
    }

    @Test
    @Order(3)
    void theSqlClientRunsAScriptThroughTheClusterAndTheLake() throws Exception {
        Run sql = riffle("sql", repo.resolve(DemoCommand.ROUND_TRIP).toString());

        assertThat(sql.exit()).as(sql.output()).isZero();
        assertThat(tableRows(sql.output()))
                .containsExactly(
                        List.of("1", "riffle-alpha", "10.50"),
                        List.of("2", "riffle-beta", "20.25"),
                        List.of("3", "riffle-gamma", "30.00"));
        // The lake table's files are in s3proxy's bucket folder, written through the s3:// plugin.
        try (Stream<Path> files = Files.walk(state.resolve("data/s3/riffle-lake/round-trip"))) {
            assertThat(files.filter(Files::isRegularFile)).isNotEmpty();
        }
        // The statements ran as jobs on the cluster, not in the client.
        assertThat(rest("/overview").path("jobs-finished").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    @Order(4)
    void theSqlClientWritesToAKinesisStreamAndReadsTheRowsBackWithOurConnector() throws Exception {
        assumeTrue(
                Files.isRegularFile(repo.resolve(SqlCommand.KINESIS_SQL_MODULE).resolve("pom.xml")),
                "connectors/kinesis-sql (issue 4) has not landed: the kinesis round trip runs once"
                        + " it has");

        // The read-back SELECT is a streaming query: --until-rows ends it once the rows are shown.
        Run sql =
                riffle(
                        "sql",
                        repo.resolve(DemoCommand.KINESIS_ROUND_TRIP).toString(),
                        "--until-rows",
                        "3");

        assertThat(sql.exit()).as(sql.output()).isZero();
        assertThat(tableRows(sql.output()))
                .containsExactlyInAnyOrder(
                        List.of("1", "kinesis-alpha"),
                        List.of("2", "kinesis-beta"),
                        List.of("3", "kinesis-gamma"));
        // The local-only secret key is in the script's WITH options, yet never in what the cluster
        // logs.
        assertThat(Files.readString(state.resolve("log/flink-taskmanager.log")))
                .doesNotContain(dev.riffle.testing.LocalAws.SECRET_ACCESS_KEY);
    }

    @Test
    @Order(5)
    void aFailingStatementFailsTheCommandWithTheClientsReason() throws Exception {
        Path script = state.resolve("broken.sql");
        Files.writeString(script, "SELECT * FROM no_such_table;\n");

        Run sql = riffle("sql", script.toString());

        assertThat(sql.exit()).isEqualTo(1);
        assertThat(sql.output())
                .contains("[ERROR] Could not execute SQL statement")
                .contains("no_such_table");
    }

    @Test
    @Order(6)
    void anUnknownVariableIsNamedWithTheOnesThatExist() throws Exception {
        Path script = state.resolve("unknown-variable.sql");
        Files.writeString(script, "SELECT 1;\nSELECT '${kinesis.endpiont}';\n");

        Run sql = riffle("sql", script.toString());

        assertThat(sql.exit()).isEqualTo(1);
        assertThat(sql.output())
                .contains("Unknown variable ${kinesis.endpiont} in " + script + " line 2")
                .contains("kinesis.endpoint");
    }

    @Test
    @Order(7)
    void submitRunsAJobJarWithItsConfigThroughFlinksCli() throws Exception {
        Path jar = probeJar();
        Path config = state.resolve("probe-config.json");
        Files.writeString(
                config,
                "[{\"PropertyGroupId\": \"probe\", \"PropertyMap\": {\"rows\": \"1000\"}}]");

        // A relative --config: the launcher hands the job an absolute path.
        Run submit =
                riffle("submit", jar.toString(), "--config", repo.relativize(config).toString());

        assertThat(submit.exit()).as(submit.output()).isZero();
        assertThat(submit.output()).contains("Job has been submitted with JobID");
        String name = SubmitProbeJob.NAME_PREFIX + "probe-config.json";
        JsonNode job =
                Await.until(
                        Duration.ofMinutes(1),
                        () -> jobNamed(name),
                        j -> j != null && j.path("state").asText().equals("FINISHED"),
                        "job '" + name + "' to finish");
        assertThat(job.path("tasks").path("finished").asInt()).isPositive();
    }

    @Test
    @Order(8)
    void ingestionSubmittedWithItsLocalConfigProcessesProducedTraffic() throws Exception {
        Run submit = riffle("submit", "ingestion");
        assertThat(submit.exit()).as(submit.output()).isZero();
        assertThat(submit.output())
                .contains("deploy/local/config/ingestion.json")
                .contains("Job has been submitted with JobID");

        // The same seed and start write the same records: once to a file for their truth, once
        // to raw-events.
        List<String> generator =
                List.of(
                        "--count",
                        "300",
                        "--time-scale",
                        "0",
                        "--seed",
                        "5",
                        "--malformed",
                        "0.1",
                        "--start",
                        "2026-03-01T09:00:00Z");
        Path truth = state.resolve("produced.jsonl");
        List<String> toFile = new ArrayList<>(List.of("produce", "--out", truth.toString()));
        toFile.addAll(generator);
        Run file = riffle(toFile.toArray(new String[0]));
        assertThat(file.exit()).as(file.output()).isZero();
        List<String> toStream = new ArrayList<>(List.of("produce"));
        toStream.addAll(generator);
        Run produce = riffle(toStream.toArray(new String[0]));
        assertThat(produce.exit()).as(produce.output()).isZero();
        assertThat(produce.output()).contains("to raw-events");

        Set<String> valid = new HashSet<>();
        Set<String> malformed = new HashSet<>();
        for (String line : Files.readAllLines(truth)) {
            JsonNode r = JSON.readTree(line);
            if (r.path("kind").asText().equals("VALID")) {
                valid.add(r.path("eventId").asText());
            } else if (r.path("kind").asText().equals("MALFORMED")) {
                malformed.add(
                        r.path("expectedError").asText() + " " + r.path("dataBase64").asText());
            }
        }
        assertThat(valid).hasSizeGreaterThan(200);
        assertThat(malformed).hasSizeGreaterThan(10);
        try (KinesisClient kinesis = kinesisClient()) {
            TestStream events = localStream(kinesis, "events", 2);
            TestStream deadLetters = localStream(kinesis, "dead-letters", 1);
            List<JsonNode> written =
                    Await.until(
                            Duration.ofMinutes(2),
                            () -> json(events.readAll()),
                            l -> ids(l).containsAll(valid),
                            () -> valid.size() + " events in the local events stream");
            assertThat(ids(written)).isEqualTo(valid);
            // The geolocation database from the config's ${riffle.repo} path was read.
            assertThat(written).anyMatch(e -> e.hasNonNull("geoCountry"));
            Set<String> rejected =
                    Await.until(
                            Duration.ofMinutes(1),
                            () -> {
                                Set<String> d = new HashSet<>();
                                for (JsonNode n : json(deadLetters.readAll())) {
                                    d.add(
                                            n.path("errorType").asText()
                                                    + " "
                                                    + n.path("rawBase64").asText());
                                }
                                return d;
                            },
                            d -> d.size() >= malformed.size(),
                            () -> malformed.size() + " dead letters");
            assertThat(rejected).isEqualTo(malformed);
        }
    }

    /**
     * Issue 7's freshness criterion on the local cluster: parquet-delivery, submitted with its
     * local config for the events stream (lake = s3proxy bucket, the cluster's 10 s checkpoint
     * interval from flink-conf/config.yaml), makes every record written to the stream readable as a
     * committed Parquet object within 15 s, each exactly once.
     */
    @Test
    @Order(9)
    void parquetDeliveryMakesEventsReadableInTheLakeWithin15Seconds() throws Exception {
        assertThat(Files.readString(repo.resolve("flink-conf/config.yaml")))
                .containsPattern("(?m)^execution\\.checkpointing\\.interval: 10s$");
        Run submit =
                riffle(
                        "submit",
                        "parquet-delivery",
                        "--config",
                        "deploy/local/config/parquet-delivery-events.json");
        assertThat(submit.exit()).as(submit.output()).isZero();
        Matcher jobId = Pattern.compile("JobID ([0-9a-f]{32})").matcher(submit.output());
        assertThat(jobId.find()).as(submit.output()).isTrue();
        String job = jobId.group(1);
        String run = "fresh-" + ProcessHandle.current().pid() + "-";
        try (KinesisClient kinesis = kinesisClient();
                S3Client s3 = s3Client()) {
            String arn = localStream(kinesis, "events", 2).arn();
            Lake lake = new Lake(s3, state.resolve("lake-scratch"));
            // The source starts at LATEST: warm-up records, four per round, until the
            // lake shows one from every shard, so the measured records are all read.
            Set<String> shards = new HashSet<>();
            Map<String, String> warmupShard = new HashMap<>();
            Set<String> seenShards = new HashSet<>();
            int[] warmups = {0};
            Await.until(
                    Duration.ofSeconds(60),
                    () -> {
                        for (int k = 0; k < 4; k++) {
                            String id = run + "warmup-" + warmups[0]++;
                            String shard =
                                    kinesis.putRecord(
                                                    r ->
                                                            r.streamARN(arn)
                                                                    .partitionKey(id)
                                                                    .data(
                                                                            SdkBytes.fromUtf8String(
                                                                                    event(
                                                                                            id,
                                                                                            System
                                                                                                    .currentTimeMillis()))))
                                            .shardId();
                            shards.add(shard);
                            warmupShard.put(id, shard);
                        }
                        for (String id : lake.poll().keySet()) {
                            if (warmupShard.containsKey(id)) {
                                seenShards.add(warmupShard.get(id));
                            }
                        }
                        return seenShards;
                    },
                    s -> shards.size() == 2 && s.containsAll(shards),
                    () -> "warm-up records from both shards in the lake");

            // 150 events at a steady pace over ~20 s; meanwhile the lake is polled every ~300 ms
            // (the listing plus Await's 250 ms pause).
            int count = 150;
            Map<String, Long> writtenAt = new ConcurrentHashMap<>();
            Thread writer =
                    new Thread(
                            () -> {
                                long start = System.nanoTime();
                                for (int i = 0; i < count; i++) {
                                    long due = start + i * 133_000_000L;
                                    LockSupport.parkNanos(due - System.nanoTime());
                                    String id = run + i;
                                    long now = System.currentTimeMillis();
                                    writtenAt.put(id, now);
                                    kinesis.putRecord(
                                            r ->
                                                    r.streamARN(arn)
                                                            .partitionKey(id)
                                                            .data(
                                                                    SdkBytes.fromUtf8String(
                                                                            event(id, now))));
                                }
                            },
                            "freshness-writer");
            writer.start();
            Map<String, Long> firstSeen = new HashMap<>();
            Map<String, Integer> copies = new HashMap<>();
            Await.until(
                    Duration.ofSeconds(60),
                    () -> {
                        lake.poll()
                                .forEach(
                                        (id, n) -> {
                                            if (id.startsWith(run) && !id.contains("warmup")) {
                                                copies.merge(id, n, Integer::sum);
                                                firstSeen.putIfAbsent(id, lake.lastListing);
                                            }
                                        });
                        return firstSeen.size();
                    },
                    n -> n >= count,
                    () -> count + " events in the lake (seen " + firstSeen.size() + ")");
            writer.join();

            assertThat(copies.keySet()).isEqualTo(writtenAt.keySet());
            assertThat(copies.values()).allMatch(n -> n == 1);
            List<Long> freshness = new ArrayList<>();
            writtenAt.forEach((id, at) -> freshness.add(firstSeen.get(id) - at));
            freshness.sort(null);
            long p50 = freshness.get(freshness.size() / 2);
            long p95 = freshness.get((int) Math.ceil(freshness.size() * 0.95) - 1);
            long max = freshness.get(freshness.size() - 1);
            System.out.printf(
                    "parquet-delivery freshness on the local cluster (%d events, 10 s"
                            + " checkpoints): p50 %.1f s, p95 %.1f s, max %.1f s%n",
                    freshness.size(), p50 / 1000.0, p95 / 1000.0, max / 1000.0);
            assertThat(max).as("max freshness in ms").isLessThanOrEqualTo(15_000);
        } finally {
            HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "http://127.0.0.1:"
                                                            + ports.get("flink.rest.port")
                                                            + "/jobs/"
                                                            + job
                                                            + "?mode=cancel"))
                                    .method("PATCH", HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            Await.until(
                    Duration.ofSeconds(30),
                    () -> rest("/jobs/" + job).path("state").asText(),
                    s -> s.equals("CANCELED"),
                    "parquet-delivery " + job + " to be cancelled");
        }
    }

    /** A valid event of the suite's shape, occurring and received at {@code millis}. */
    private static String event(String id, long millis) {
        String at = Instant.ofEpochMilli(millis).toString();
        return "{\"eventId\":\""
                + id
                + "\",\"type\":\"page_view\",\"occurredAt\":\""
                + at
                + "\",\"receivedAt\":\""
                + at
                + "\",\"userId\":\"u-1\",\"sessionId\":\"s-1\",\"page\":\"/home\"}";
    }

    /**
     * The events lake as a reader sees it through the S3 API: listed objects are committed ones (an
     * in-progress multipart upload is not listed); new visible Parquet objects are read with
     * parquet-java.
     */
    private static final class Lake {
        private final S3Client s3;
        private final Path scratch;
        private final Set<String> read = new HashSet<>();
        long lastListing;

        Lake(S3Client s3, Path scratch) {
            this.s3 = s3;
            this.scratch = scratch;
        }

        /** eventId -> rows with it, in the objects that appeared since the last poll. */
        Map<String, Integer> poll() throws IOException {
            lastListing = System.currentTimeMillis();
            List<String> keys = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket("riffle-lake").prefix("events/"))
                    .contents()
                    .forEach(o -> keys.add(o.key()));
            Map<String, Integer> ids = new HashMap<>();
            List<String> done = new ArrayList<>();
            for (String key : keys) {
                if (!key.endsWith(".parquet")
                        || Stream.of(key.split("/"))
                                .anyMatch(s -> s.startsWith(".") || s.startsWith("_"))
                        || read.contains(key)) {
                    continue;
                }
                Files.createDirectories(scratch);
                Path local = scratch.resolve("part.parquet");
                Files.deleteIfExists(local);
                s3.getObject(
                        b -> b.bucket("riffle-lake").key(key), ResponseTransformer.toFile(local));
                try (ParquetReader<GenericRecord> reader =
                        AvroParquetReader.<GenericRecord>builder(new LocalInputFile(local))
                                .withConf(new PlainParquetConfiguration())
                                .build()) {
                    GenericRecord row;
                    while ((row = reader.read()) != null) {
                        ids.merge(row.get("eventId").toString(), 1, Integer::sum);
                    }
                }
                done.add(key);
            }
            // Only when every new object was read: a failed poll reads them all again next time.
            read.addAll(done);
            return ids;
        }
    }

    private static S3Client s3Client() {
        return S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + ports.get("s3.port")))
                .region(Region.US_EAST_1)
                .credentialsProvider(LocalAws.credentials())
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    @Test
    @Order(10)
    void statusShowsTheProcessesAndTheJobs() throws Exception {
        Run status = riffle("status");

        assertThat(status.exit()).as(status.output()).isZero();
        assertThat(status.output())
                .contains("jobmanager   running (pid")
                .contains("taskmanager  running (pid")
                .contains("kinesis-mock running (pid")
                .contains("s3proxy      running (pid")
                .contains("1 TaskManager(s)")
                .contains("FINISHED");
    }

    @Test
    @Order(11)
    void downStopsEverythingUpStartedAndLeavesNoProcessBehind() throws Exception {
        Map<String, Long> pids = recordedPids();
        assertThat(pids.keySet())
                .containsExactlyInAnyOrder("jobmanager", "taskmanager", "kinesis-mock", "s3proxy");

        Run down = riffle("down");

        assertThat(down.exit()).as(down.output()).isZero();
        pids.forEach(
                (name, pid) -> {
                    assertThat(down.output())
                            .contains(String.format("%-12s stopped (pid %d)", name, pid));
                    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                            .as(name + " (pid " + pid + ")")
                            .isNotEqualTo(java.util.Optional.of(true));
                });
        assertThat(recordedPids()).isEmpty();
        // Nothing on this machine still runs from this state folder.
        assertThat(
                        ProcessHandle.allProcesses()
                                .filter(
                                        p ->
                                                p.info()
                                                        .commandLine()
                                                        .orElse("")
                                                        .contains(state.toString()))
                                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")))
                .isEmpty();
        ports.forEach(
                (key, port) ->
                        assertThat(Ports.isFree(port)).as(key + " " + port + " free").isTrue());
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static Run riffle(String... args) throws IOException, InterruptedException {
        return RiffleCli.run(repo, state, repo, COMMAND_TIMEOUT, args);
    }

    private static KinesisClient kinesisClient() {
        return KinesisClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + ports.get("kinesis.port")))
                .region(Region.US_EAST_1)
                .credentialsProvider(LocalAws.credentials())
                .httpClient(ApacheHttpClient.builder().build())
                .build();
    }

    private static TestStream localStream(KinesisClient kinesis, String name, int shards) {
        return new TestStream(
                kinesis,
                name,
                "arn:aws:kinesis:us-east-1:" + LocalAws.ACCOUNT_ID + ":stream/" + name,
                shards);
    }

    private static List<JsonNode> json(List<StreamRecord> records) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (StreamRecord r : records) {
            out.add(JSON.readTree(r.data()));
        }
        return out;
    }

    private static Set<String> ids(List<JsonNode> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.path("eventId").asText()));
        return ids;
    }

    private static JsonNode rest(String path) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://127.0.0.1:" + ports.get("flink.rest.port") + path))
                        .timeout(Duration.ofSeconds(5))
                        .build();
        return Await.until(
                Duration.ofSeconds(30),
                () ->
                        JSON.readTree(
                                http.send(request, HttpResponse.BodyHandlers.ofString()).body()),
                json -> json.has("taskmanagers") || json.has("jobs") || json.has("jid"),
                "the REST endpoint to answer " + path);
    }

    private static JsonNode jobNamed(String name) throws Exception {
        for (JsonNode job : rest("/jobs/overview").path("jobs")) {
            if (job.path("name").asText().equals(name)) {
                return job;
            }
        }
        return null;
    }

    /** A jar of the probe job with its Main-Class, as a job module's shade execution builds one. */
    private static Path probeJar() throws Exception {
        Path jar = state.resolve("riffle-submit-probe.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes()
                .put(Attributes.Name.MAIN_CLASS, SubmitProbeJob.class.getName());
        String entry = SubmitProbeJob.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                InputStream in = SubmitProbeJob.class.getResourceAsStream("/" + entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    private static Map<String, Long> recordedPids() throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        Path run = state.resolve("run");
        if (!Files.isDirectory(run)) {
            return pids;
        }
        try (Stream<Path> files = Files.list(run)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).sorted().toList()) {
                Matcher m = Pattern.compile("(?m)^pid=(\\d+)$").matcher(Files.readString(file));
                assertThat(m.find()).as("pid in " + file).isTrue();
                String name = file.getFileName().toString();
                pids.put(
                        name.substring(0, name.length() - ".pid".length()),
                        Long.parseLong(m.group(1)));
            }
        }
        return pids;
    }

    /**
     * The data rows of the SQL client's tableau output, {@code | 1 | riffle-alpha | 10.50 |}; a
     * streaming query's changelog column ({@code | +I | ...}) is dropped, and so are header rows.
     */
    private static List<List<String>> tableRows(String output) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : output.split("\n")) {
            String trimmed = line.replaceAll("\u001B\\[[;\\d]*m", "").trim();
            if (!trimmed.startsWith("|") || !trimmed.endsWith("|")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : trimmed.substring(1, trimmed.length() - 1).split("\\|")) {
                cells.add(cell.trim());
            }
            if (cells.get(0).equals("op") || cells.get(0).equals("id")) {
                continue;
            }
            if (cells.get(0).matches("[+-][IUD]")) {
                cells.remove(0);
            }
            rows.add(cells);
        }
        return rows;
    }
}
