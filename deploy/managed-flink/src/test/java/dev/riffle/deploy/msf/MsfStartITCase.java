package dev.riffle.deploy.msf;

import dev.riffle.connector.kinesis.table.KinesisDynamicTableFactory;
import dev.riffle.deploy.msf.model.AppDescriptor;
import dev.riffle.deploy.msf.model.Deployment;
import dev.riffle.testing.Await;
import dev.riffle.testing.LocalAws;
import dev.riffle.testing.kinesis.KinesisMock;
import dev.riffle.testing.kinesis.KinesisMockExtension;
import dev.riffle.testing.kinesis.StreamRecord;
import dev.riffle.testing.kinesis.TestStream;
import dev.riffle.testing.kvs.LocalKvsEndpoint;

import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.table.factories.DynamicTableSinkFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts every application's job the way MSF starts it ({@link MsfLaunch}): its own {@code
 * application_properties.json}, with only what differs between AWS and this machine changed: the
 * account and region are kinesis-mock's, each group that names a stream gets kinesis-mock's
 * endpoint and local credentials (the {@code aws.*} keys every Riffle Kinesis component reads; for
 * SQL scripts, as variables of the same names), and lake paths point at a local folder. The job
 * must submit one job without setting anything MSF owns and run against the emulator.
 */
class MsfStartITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SQL_VARIABLES = "sql-variables";
    private static final String DEAD_LETTERS = "dead-letters";
    private static final String KINESIS_OPTIONS = "kinesis.options";
    private static final Set<String> CREATED = new HashSet<>();

    /** Short, so that files are committed soon after a probe record arrives. */
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);

    private static final Duration PROBE_DEADLINE = Duration.ofSeconds(60);

    private static MsfLaunch msf;

    @TempDir static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        msf = MsfLaunch.start(4);
    }

    @AfterAll
    static void stop() throws Exception {
        msf.close();
        if (kvs != null) {
            kvs.close();
        }
    }

    private static LocalKvsEndpoint kvs;

    private static synchronized LocalKvsEndpoint kvs() {
        if (kvs == null) {
            kvs = LocalKvsEndpoint.start();
        }
        return kvs;
    }

    @TestFactory
    Stream<DynamicTest> everyApplicationStartsAsOnMsfAgainstTheEmulator() {
        List<DynamicTest> tests = new ArrayList<>();
        String only = System.getProperty("msf.apps", "");
        for (Deployment deployment : Deployments.all()) {
            for (Deployment.App app : deployment.apps()) {
                if (!only.isBlank() && !List.of(only.split(",")).contains(app.name())) {
                    continue; // -Dmsf.apps=a,b starts only those (while working on them)
                }
                tests.add(DynamicTest.dynamicTest(app.name(), () -> start(deployment, app)));
            }
        }
        return tests.stream();
    }

    private void start(Deployment deployment, Deployment.App app) throws Throwable {
        AppDescriptor d = app.descriptor();
        Assumptions.assumeFalse(
                d.mainClass().endsWith("SqlRunnerJob")
                        && !d.writes().isEmpty()
                        && !DynamicTableSinkFactory.class.isAssignableFrom(
                                KinesisDynamicTableFactory.class),
                app.name()
                        + " writes to a 'kinesis' table and the SQL connector has no sink side"
                        + " yet");
        KinesisMock kinesis = KINESIS.mock();
        for (String stream : streams(d)) {
            if (CREATED.add(stream)) {
                kinesis.createStream(stream, 1);
            }
        }
        Path appDir = Files.createDirectories(tmp.resolve(app.name()));
        // Created first: Path.toUri() ends in '/' only for an existing directory.
        Path lake = Files.createDirectories(appDir.resolve("lake"));
        String json = emulatorProperties(deployment, app, kinesis, lake);
        stageLakeFiles(d, lake);

        MsfLaunch.Launched launched =
                msf.launch(
                        d.mainClass(),
                        json,
                        msf.platformConfiguration(d.scaling().parallelism(), CHECKPOINT_INTERVAL),
                        appDir);
        try {
            msf.awaitRunning(launched.jobId());
            StreamGraph graph = launched.graph();
            assertThat(graph.getSourceIDs()).as("sources of %s", app.name()).isNotEmpty();
            // Sink V2 writers are ordinary nodes: the job's ends are the nodes without outputs.
            assertThat(graph.getStreamNodes())
                    .as("sinks of %s", app.name())
                    .anyMatch(n -> n.getOutEdges().isEmpty());
            if (!d.mainClass().endsWith("SqlRunnerJob")) {
                // DataStream jobs name every stateful operator; MSF restores state by these uids.
                for (Integer id : graph.getSourceIDs()) {
                    StreamNode source = graph.getStreamNode(id);
                    assertThat(source.getTransformationUID())
                            .as("uid of source %s of %s", source.getOperatorName(), app.name())
                            .isNotBlank();
                }
            }
            if (!deployment.dir().equals(Deployments.sampleDir())) {
                probe(app, kinesis, lake, launched.jobId());
            }
        } finally {
            msf.cancel(launched.jobId());
        }
    }

    /**
     * Puts a record with a fresh id on each input stream the application reads and waits for that
     * id where the application writes: a row in the Parquet files a reader of its lake prefix sees.
     * This is what shows the job runs against the configured stream and path, not just that it
     * started.
     */
    private static void probe(Deployment.App app, KinesisMock kinesis, Path lake, JobID job) {
        AppDescriptor d = app.descriptor();
        for (AppDescriptor.StreamRead read : d.reads()) {
            Probes.Probe probe = Probes.forStream(read.stream()).orElse(null);
            if (probe == null) {
                continue;
            }
            String id = app.name() + "-" + UUID.randomUUID();
            new TestStream(kinesis.client(), read.stream(), kinesis.streamArn(read.stream()), 1)
                    .put(id, probe.json().apply(id));
            for (AppDescriptor.S3Access s3 : d.s3()) {
                if (!s3.access().writes()) {
                    continue;
                }
                Path root = lake.resolve(s3.prefix());
                try {
                    Await.until(
                            PROBE_DEADLINE,
                            () -> Probes.visibleRows(root),
                            rows ->
                                    rows.stream()
                                            .anyMatch(
                                                    r ->
                                                            id.equals(
                                                                    String.valueOf(
                                                                            r.get(
                                                                                    probe
                                                                                            .idField())))),
                            "a row with " + probe.idField() + " " + id + " under " + root);
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError(
                            e.getMessage()
                                    + "; files there: "
                                    + Probes.files(root)
                                    + "; the job: "
                                    + msf.describe(job),
                            e);
                }
            }
            boolean writesDeadLetters =
                    d.writes().stream().anyMatch(w -> w.stream().equals(DEAD_LETTERS));
            // A job without a dead-letters stream (a SQL rule) passes no record on: that it runs
            // against the emulator is what it shows.
            if (writesDeadLetters) {
                // A record that is no event, under the same id as partition key: a job with a
                // dead-letters stream must reject it there. For a job that passes no valid
                // record on (the anomaly detector raises alerts only for anomalies), this is
                // what comes out.
                new TestStream(kinesis.client(), read.stream(), kinesis.streamArn(read.stream()), 1)
                        .put(id, "not an event " + id);
                awaitInOutputStream(d, kinesis, probe, id, job);
            }
        }
    }

    /**
     * Waits for the probe's id in one of the streams the application writes: a stream-to-stream job
     * (ingestion) passes the record on to one of them (a valid record to its events, a bad one to
     * its dead letters), under the same id field; or a dead letter whose bytes hold the id (a bad
     * record's, or the probe's bad twin's).
     */
    private static void awaitInOutputStream(
            AppDescriptor d, KinesisMock kinesis, Probes.Probe probe, String id, JobID job) {
        List<TestStream> outputs = new ArrayList<>();
        for (AppDescriptor.StreamWrite write : d.writes()) {
            outputs.add(
                    new TestStream(
                            kinesis.client(),
                            write.stream(),
                            kinesis.streamArn(write.stream()),
                            1));
        }
        try {
            Await.until(
                    PROBE_DEADLINE,
                    () -> {
                        for (TestStream out : outputs) {
                            for (StreamRecord r : out.readAll()) {
                                JsonNode written;
                                try {
                                    written = JSON.readTree(r.data());
                                } catch (java.io.IOException notJson) {
                                    // Streams are shared between applications: this one may also
                                    // be another's input, holding another probe's bad twin.
                                    continue;
                                }
                                if (written.path(probe.idField()).asText().equals(id)
                                        || deadLetterOf(written, id)) {
                                    return true;
                                }
                            }
                        }
                        return false;
                    },
                    found -> found,
                    "a record with " + probe.idField() + " " + id + " in " + d.writes());
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "; the job: " + msf.describe(job), e);
        }
    }

    /** Whether {@code record} is a dead letter (the suite's envelope) of the probe {@code id}. */
    private static boolean deadLetterOf(JsonNode record, String id) {
        String raw = record.path("rawBase64").asText("");
        return !raw.isEmpty()
                && new String(Base64.getDecoder().decode(raw), StandardCharsets.UTF_8).contains(id);
    }

    /**
     * Objects an application reads from the lake that an operator uploads before starting it (see
     * the README's runbook), by lake key: where the test takes each from.
     */
    private static final Map<String, Path> LAKE_FILES =
            Map.of(
                    "reference/geo/geo-country.mmdb",
                    Path.of(System.getProperty("riffle.repo.root", "../.."))
                            .resolve(
                                    "node_modules/@ip-location-db/geo-whois-asn-country-mmdb/"
                                            + "geo-whois-asn-country.mmdb"));

    /** Copies the {@link #LAKE_FILES} under the application's READ prefixes into its lake. */
    private static void stageLakeFiles(AppDescriptor d, Path lake) throws Exception {
        for (AppDescriptor.S3Access access : d.s3()) {
            for (Map.Entry<String, Path> file : LAKE_FILES.entrySet()) {
                if (file.getKey().startsWith(access.prefix())) {
                    Path target = lake.resolve(file.getKey());
                    Files.createDirectories(target.getParent());
                    Files.copy(file.getValue(), target);
                }
            }
        }
    }

    private static List<String> streams(AppDescriptor d) {
        List<String> streams = new ArrayList<>();
        d.reads().forEach(r -> streams.add(r.stream()));
        d.writes().forEach(w -> streams.add(w.stream()));
        return streams;
    }

    /** The application's own properties with only the AWS-versus-local values changed. */
    private static String emulatorProperties(
            Deployment deployment, Deployment.App app, KinesisMock kinesis, Path lake)
            throws Exception {
        String lakeBucket = deployment.suite().lakeBucketName();
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        app.properties()
                .groups()
                .forEach(
                        (id, values) -> {
                            Map<String, String> copy = new LinkedHashMap<>();
                            values.forEach(
                                    (k, v) ->
                                            copy.put(
                                                    k,
                                                    v.replace(
                                                                    "s3://" + lakeBucket + "/",
                                                                    lake.toUri().toString())
                                                            .replace(
                                                                    "${AWS::Region}",
                                                                    kinesis.region())
                                                            .replace(
                                                                    "${AWS::AccountId}",
                                                                    kinesis.accountId())
                                                            .replace("${AWS::Partition}", "aws")));
                            groups.put(id, copy);
                        });
        Set<String> streamGroups = new HashSet<>();
        app.descriptor().reads().forEach(r -> streamGroups.add(group(r.property())));
        app.descriptor().writes().forEach(w -> streamGroups.add(group(w.property())));
        for (String group : streamGroups) {
            kinesis.connectorProperties(false).forEach(groups.get(group)::putIfAbsent);
        }
        if (groups.containsKey(SQL_VARIABLES)) {
            Map<String, String> variables = groups.get(SQL_VARIABLES);
            kinesis.connectorProperties(false).forEach(variables::putIfAbsent);
            if (variables.containsKey(KINESIS_OPTIONS)) {
                // A script's Kinesis connection as WITH-clause text (sql/anomaly): on MSF the
                // region only, here kinesis-mock's endpoint and local credentials as well.
                StringBuilder options = new StringBuilder();
                kinesis.connectorProperties(false)
                        .forEach((k, v) -> options.append(String.format("'%s' = '%s', ", k, v)));
                variables.put(KINESIS_OPTIONS, options.toString());
            }
        }
        // Video streams: KVS has no emulator; the local GetMedia endpoint serves them by name.
        for (AppDescriptor.VideoStream video : app.descriptor().videoStreams()) {
            kvs().createStream(video.stream());
            Map<String, String> group = groups.get(group(video.property()));
            group.put("aws.endpoint", kvs().endpoint().toString());
            group.put("aws.credentials.provider", "BASIC");
            group.put("aws.credentials.provider.basic.accesskeyid", LocalAws.ACCESS_KEY_ID);
            group.put("aws.credentials.provider.basic.secretkey", LocalAws.SECRET_ACCESS_KEY);
        }
        List<Map<String, Object>> array = new ArrayList<>();
        groups.forEach(
                (id, values) -> {
                    Map<String, Object> group = new LinkedHashMap<>();
                    group.put("PropertyGroupId", id);
                    group.put("PropertyMap", values);
                    array.add(group);
                });
        return new ObjectMapper().writeValueAsString(array);
    }

    private static String group(String property) {
        return property.substring(0, property.indexOf('.'));
    }
}
