package dev.riffle.e2e;

import dev.riffle.common.config.JobConfig;
import dev.riffle.jobs.ingestion.IngestionJob;
import dev.riffle.jobs.ingestion.config.IngestionOptions;
import dev.riffle.jobs.parquet.ParquetDeliveryJob;
import dev.riffle.jobs.parquet.config.ParquetDeliveryConfig;
import dev.riffle.testing.Await;
import dev.riffle.testing.LocalAws;
import dev.riffle.testing.flink.LocalFlinkCluster;
import dev.riffle.testing.kinesis.KinesisMockExtension;
import dev.riffle.testing.kinesis.TestStream;
import dev.riffle.testing.s3.S3ProxyExtension;
import dev.riffle.testing.s3.TestBucket;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
import org.apache.flink.runtime.executiongraph.ErrorInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Credentials given to the jobs never reach a log line or an error message, when the jobs work and
 * when they fail. Ingestion and Parquet delivery run with distinctive static Kinesis keys ({@code
 * aws.credentials.provider=BASIC}) and deliver to s3proxy with static S3 keys; then the failure
 * paths, where a secret is most likely to be echoed: configuration errors in groups that hold keys,
 * a wrong S3 secret (s3proxy checks signatures), Kinesis rejecting the signature of the configured
 * keys, and Flink's own log of its configuration. Everything the JVM logs meanwhile (root at INFO,
 * {@code dev.riffle} at DEBUG, stack traces included) goes to a file, together with the messages,
 * stack traces and {@code toString()} of the exceptions, job failures and configurations; no key
 * may appear in it. Each capture must also show the problem or the work (stream names, the bucket,
 * the error code), so an empty or silent capture fails the test too.
 */
class CredentialsNotLoggedITCase {
    static final String KINESIS_KEY_ID = "AKIARIFFLEE2EKINESIS7";
    static final String KINESIS_SECRET = "riffle/e2e+kinesis-SECRET-never-logged-0123456789";
    static final String WRONG_S3_SECRET = "riffle/e2e+wrong-S3-SECRET-never-logged-9876543210";
    static final String ROLE_KEY_ID = "AKIARIFFLEE2EROLEBASE";
    static final String ROLE_SECRET = "riffle/e2e+role-base-SECRET-never-logged-13579";

    /** Every credential any test here hands to a job or to Flink. */
    static final List<String> CREDENTIALS =
            List.of(
                    KINESIS_KEY_ID,
                    KINESIS_SECRET,
                    WRONG_S3_SECRET,
                    ROLE_KEY_ID,
                    ROLE_SECRET,
                    LocalAws.ACCESS_KEY_ID,
                    LocalAws.SECRET_ACCESS_KEY);

    static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Logger LOG = LoggerFactory.getLogger(CredentialsNotLoggedITCase.class);

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();
    @RegisterExtension static final LocalFlinkCluster FLINK = Pipelines.cluster(1, 4);

    @TempDir Path dir;

    @AfterAll
    static void unloadS3() {
        FileSystem.initialize(new org.apache.flink.configuration.Configuration(), null);
    }

    @Test
    void noKeyAppearsInAnyLogLineOrErrorMessage() throws Exception {
        Path log = dir.resolve("captured.log");
        List<String> messages = new ArrayList<>();
        TestStream raw = KINESIS.createStream("raw-events", 1);
        TestStream events = KINESIS.createStream("events", 1);
        TestStream deadLetters = KINESIS.createStream("dead-letters", 1);
        Map<String, String> connection = kinesisConnection();
        TestBucket bucket = S3.createBucket();

        try (LogCapture capture = new LogCapture(log)) {
            // 1. A configuration error in a group that also holds the keys.
            Map<String, String> badSource =
                    new LinkedHashMap<>(Pipelines.source(connection, raw.arn()));
            badSource.put("source.init.position", "SOMEWHERE");
            assertThatThrownBy(
                            () -> {
                                JobConfig bad =
                                        ingestionGroups(
                                                        badSource,
                                                        connection,
                                                        events.arn(),
                                                        deadLetters.arn())
                                                .load(
                                                        IngestionOptions.SCHEMA,
                                                        dir.resolve("bad.json"));
                                messages.add(bad.toString());
                                IngestionJob.define(Pipelines.env(Duration.ofSeconds(1)), bad);
                            })
                    .satisfies(e -> record(messages, e))
                    .hasMessageContaining("SOMEWHERE");

            // 2. Ingestion over kinesis-mock with static keys: one good and one bad record.
            JobConfig ingestion =
                    ingestionGroups(
                                    Pipelines.source(connection, raw.arn()),
                                    connection,
                                    events.arn(),
                                    deadLetters.arn())
                            .load(IngestionOptions.SCHEMA, dir.resolve("ingestion.json"));
            messages.add(ingestion.toString());
            StreamExecutionEnvironment env = Pipelines.env(Duration.ofSeconds(1));
            IngestionJob.define(env, ingestion);
            JobID ingestionJob = FLINK.submit(env, "ingestion");

            raw.put(
                    "u-1",
                    "{\"eventId\":\"cred-1\",\"type\":\"click\",\"timestamp\":\"2026-03-01T12:00:00Z\",\"userId\":\"u-1\",\"action\":\"page_view\",\"page\":\"/\"}");
            raw.put("u-2", "{\"eventId\":\"cred-2\",\"type\":\"click\"");
            events.awaitRecords(1, DEADLINE);

            // 3. Delivery to s3proxy with the right static keys.
            initializeS3(Map.of());
            JobID delivery = submitDelivery(connection, events, bucket, "delivery.json");
            try {
                deadLetters.awaitRecords(1, DEADLINE);
                Await.until(
                        DEADLINE,
                        () -> bucket.keys("lake/events/"),
                        keys -> keys.stream().anyMatch(k -> k.endsWith(".parquet")),
                        "a Parquet object in the bucket");
            } finally {
                FLINK.cancel(delivery);
                FLINK.cancel(ingestionJob);
            }
        }

        assertNoCredentialIn(log, messages, raw.arn(), events.arn(), "SOMEWHERE", bucket.name());
    }

    @Test
    void credentialsConfigurationErrorsNameTheKeyAndNeverItsValue() throws Exception {
        Path log = dir.resolve("config-errors.log");
        List<String> messages = new ArrayList<>();
        TestStream events = KINESIS.createStream("events-config-errors", 1);
        Map<String, String> connection = kinesisConnection();
        String basic = "aws.credentials.provider.basic.";

        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        // Half a key pair: BASIC with the secret but no key id.
        cases.put(basic + "accesskeyid", without(connection, basic + "accesskeyid"));
        // A secret without its key id and without a type: AUTO, which ignores it.
        Map<String, String> secretOnly = without(connection, basic + "accesskeyid");
        secretOnly.remove("aws.credentials.provider");
        cases.put(basic + "secretkey: it is not used", secretOnly);
        // A provider type that does not exist, next to both keys.
        Map<String, String> unknownType = new LinkedHashMap<>(connection);
        unknownType.put("aws.credentials.provider", "STATIC");
        cases.put("STATIC", unknownType);
        // A role ARN that is not one, assumed with basic keys of their own.
        Map<String, String> role = without(connection, basic + "accesskeyid", basic + "secretkey");
        role.put("aws.credentials.provider", "ASSUME_ROLE");
        role.put("aws.credentials.provider.role.arn", "riffle-reader");
        role.put("aws.credentials.provider.role.provider", "BASIC");
        role.put("aws.credentials.provider.role.provider.basic.accesskeyid", ROLE_KEY_ID);
        role.put("aws.credentials.provider.role.provider.basic.secretkey", ROLE_SECRET);
        cases.put("aws.credentials.provider.role.arn", role);
        // The secret under a misspelt key (the value is then not known to be a secret by schema).
        Map<String, String> misspelt = without(connection, basic + "secretkey");
        misspelt.put(basic + "secretKey", KINESIS_SECRET);
        cases.put(basic + "secretKey", misspelt);

        try (LogCapture capture = new LogCapture(log)) {
            int n = 0;
            for (Map.Entry<String, Map<String, String>> c : cases.entrySet()) {
                Path file = dir.resolve("config-error-" + n++ + ".json");
                assertThatThrownBy(
                                () -> {
                                    JobConfig bad =
                                            Pipelines.delivery(
                                                            c.getValue(),
                                                            events.arn(),
                                                            Pipelines.uri(dir.resolve("lake")))
                                                    .load(ParquetDeliveryConfig.SCHEMA, file);
                                    messages.add(bad.toString());
                                    ParquetDeliveryJob.define(
                                            Pipelines.env(Duration.ofSeconds(1)), bad);
                                })
                        .as("the configuration error for %s", c.getKey())
                        .satisfies(e -> record(messages, e))
                        .hasMessageContaining(c.getKey());
            }
        }
        assertNoCredentialIn(log, messages, cases.keySet().toArray(String[]::new));
    }

    @Test
    void aWrongS3SecretFailsTheDeliveryNamingTheProblemNotTheSecret() throws Exception {
        Path log = dir.resolve("s3-wrong-secret.log");
        List<String> messages = new ArrayList<>();
        TestStream events = KINESIS.createStream("events-wrong-s3", 1);
        TestBucket bucket = S3.createBucket();

        String failure;
        try (LogCapture capture = new LogCapture(log)) {
            initializeS3(Map.of("s3.secret-key", WRONG_S3_SECRET));
            JobID delivery = submitDelivery(kinesisConnection(), events, bucket, "wrong-s3.json");
            try {
                events.put("u-1", event("wrong-s3-1"));
                failure = awaitFailure(delivery);
                messages.add(failure);
            } finally {
                FLINK.cancel(delivery);
                initializeS3(Map.of());
            }
        }
        // The object being written, S3's verdict, and the SDK's reason: no secret needed.
        assertThat(failure)
                .contains("java.nio.file.AccessDeniedException")
                .contains("lake/events/dt=")
                .contains("SignatureDoesNotMatch");
        assertThat(bucket.keys("lake/")).isEmpty();
        assertNoCredentialIn(log, messages, events.arn(), "SignatureDoesNotMatch");
    }

    @Test
    void kinesisRejectingTheKeysFailsIngestionNamingTheStreamNotTheKeys() throws Exception {
        Path log = dir.resolve("kinesis-rejected.log");
        List<String> messages = new ArrayList<>();
        String arns = "arn:aws:kinesis:" + LocalAws.REGION + ":" + LocalAws.ACCOUNT_ID + ":stream/";

        String failure;
        List<String> authorizations;
        try (RejectingKinesisEndpoint kinesis = new RejectingKinesisEndpoint();
                LogCapture capture = new LogCapture(log)) {
            Map<String, String> connection = kinesisConnection();
            connection.put("aws.endpoint", kinesis.uri());
            JobConfig ingestion =
                    ingestionGroups(
                                    Pipelines.source(connection, arns + "raw-rejected"),
                                    connection,
                                    arns + "events-rejected",
                                    arns + "dead-letters-rejected")
                            .load(IngestionOptions.SCHEMA, dir.resolve("rejected.json"));
            messages.add(ingestion.toString());
            StreamExecutionEnvironment env = Pipelines.env(Duration.ofSeconds(1));
            IngestionJob.define(env, ingestion);
            JobID job = FLINK.submit(env, "ingestion-rejected");
            try {
                failure = awaitFailure(job);
                messages.add(failure);
            } finally {
                FLINK.cancel(job);
            }
            authorizations = kinesis.authorizations();
        }
        // The keys did sign the requests (the key id is in the Authorization header), and the
        // failure names the stream, the error code and what to check.
        assertThat(authorizations)
                .isNotEmpty()
                .allMatch(a -> a.contains("Credential=" + KINESIS_KEY_ID + "/"));
        assertThat(failure)
                .contains("Cannot list the shards of Kinesis stream")
                .contains(arns + "raw-rejected")
                .contains("the credentials were rejected (InvalidSignatureException)")
                .contains("aws.credentials.provider");
        assertNoCredentialIn(log, messages, arns + "raw-rejected", "InvalidSignatureException");
    }

    @Test
    void flinksConfigurationLogMasksTheSecretKeysRiffleUses() throws Exception {
        Path log = dir.resolve("flink-config.log");
        Path conf = Files.createDirectories(dir.resolve("conf"));
        // What a cluster's config.yaml may hold: the S3 plugin's keys in Flink's and in Hadoop's
        // spelling, and Kinesis keys passed as cluster-wide defaults.
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("s3.secret-key", WRONG_S3_SECRET);
        secrets.put("fs.s3a.secret.key", KINESIS_SECRET);
        secrets.put("aws.credentials.provider.basic.secretkey", ROLE_SECRET);
        StringBuilder yaml = new StringBuilder("s3.endpoint: http://127.0.0.1:9000\n");
        secrets.forEach((k, v) -> yaml.append(k).append(": \"").append(v).append("\"\n"));
        Files.writeString(conf.resolve("config.yaml"), yaml);

        org.apache.flink.configuration.Configuration loaded;
        try (LogCapture capture = new LogCapture(log)) {
            loaded = GlobalConfiguration.loadConfiguration(conf.toString());
        }
        assertThat(loaded.toMap()).containsAllEntriesOf(secrets);
        String captured = Files.readString(log);
        for (String key : secrets.keySet()) {
            assertThat(captured).contains(key + ", " + GlobalConfiguration.HIDDEN_CONTENT);
        }
        assertNoCredentialIn(log, List.of(), "s3.endpoint, http://127.0.0.1:9000");
    }

    /**
     * The captured log plus {@code messages} hold none of {@link #CREDENTIALS} (as given,
     * URL-encoded or JSON-escaped), and do hold every one of {@code seen}: the capture saw the work
     * or the failure, so it would have seen a key too.
     */
    private static void assertNoCredentialIn(Path log, List<String> messages, String... seen)
            throws Exception {
        String captured = Files.readString(log) + "\n" + String.join("\n", messages);
        for (String s : seen) {
            assertThat(captured).as("the capture (%s) shows %s", log, s).contains(s);
        }
        for (String secret : CREDENTIALS) {
            assertThat(captured)
                    .as("the captured log (%s) must not contain a credential", log)
                    .doesNotContain(secret)
                    .doesNotContain(URLEncoder.encode(secret, StandardCharsets.UTF_8))
                    .doesNotContain(secret.replace("/", "\\/"));
        }
        System.out.printf(
                "RELIABILITY credentials %s logBytes=%d messages=%d%n",
                log.getFileName(), Files.size(log), messages.size());
    }

    /** The job's first failure as Flink reports it (exception and causes with stack traces). */
    private static String awaitFailure(JobID job) {
        return Await.until(
                DEADLINE,
                () -> {
                    ErrorInfo info = FLINK.graph(job).getFailureInfo();
                    return info == null ? null : info.getExceptionAsString();
                },
                f -> f != null,
                "job " + job + " to fail");
    }

    private static String event(String id) {
        return "{\"eventId\":\""
                + id
                + "\",\"type\":\"click\",\"timestamp\":\"2026-03-01T12:00:00Z\","
                + "\"userId\":\"u-1\",\"action\":\"page_view\",\"page\":\"/\"}";
    }

    private static Map<String, String> without(Map<String, String> map, String... keys) {
        Map<String, String> out = new LinkedHashMap<>(map);
        for (String key : keys) {
            out.remove(key);
        }
        return out;
    }

    private static Map<String, String> kinesisConnection() {
        Map<String, String> p = new LinkedHashMap<>(KINESIS.mock().connectorProperties(false));
        p.put("aws.credentials.provider", "BASIC");
        p.put("aws.credentials.provider.basic.accesskeyid", KINESIS_KEY_ID);
        p.put("aws.credentials.provider.basic.secretkey", KINESIS_SECRET);
        return p;
    }

    private static PropertyGroups ingestionGroups(
            Map<String, String> source,
            Map<String, String> connection,
            String eventsArn,
            String deadLettersArn) {
        return new PropertyGroups()
                .group(IngestionOptions.SOURCE_GROUP, source)
                .group(IngestionOptions.EVENTS_GROUP, Pipelines.sink(connection, eventsArn))
                .group(
                        IngestionOptions.DEAD_LETTERS_GROUP,
                        Pipelines.sink(connection, deadLettersArn))
                .group(IngestionOptions.GROUP, Pipelines.ingestion());
    }

    private JobID submitDelivery(
            Map<String, String> connection, TestStream events, TestBucket bucket, String file)
            throws Exception {
        JobConfig config =
                Pipelines.delivery(connection, events.arn(), "s3://" + bucket.name() + "/lake")
                        .load(ParquetDeliveryConfig.SCHEMA, dir.resolve(file));
        StreamExecutionEnvironment env = Pipelines.env(Duration.ofSeconds(1));
        ParquetDeliveryJob.define(env, config);
        return FLINK.submit(env, "parquet-delivery");
    }

    /**
     * The S3 filesystem as a cluster loads it (a plugin), with the configuration {@code riffle up}
     * gives the local cluster (s3proxy's static keys), changed by {@code overrides}.
     */
    private static void initializeS3(Map<String, String> overrides) throws Exception {
        Path plugins = Path.of(System.getProperty("riffle.plugins.dir", "target/plugins"));
        Map<String, String> s3 = new LinkedHashMap<>(S3.proxy().flinkS3Properties());
        s3.putAll(overrides);
        org.apache.flink.configuration.Configuration conf =
                org.apache.flink.configuration.Configuration.fromMap(s3);
        FileSystem.initialize(
                conf,
                new DefaultPluginManager(
                        new DirectoryBasedPluginFinder(plugins).findPlugins(),
                        CoreOptions.getPluginParentFirstLoaderPatterns(conf)));
    }

    /** What a user sees of a failure: logged as main() would, and its text kept for the scan. */
    private static void record(List<String> messages, Throwable e) {
        LOG.error("The job failed to start", e);
        messages.add(String.valueOf(e));
        messages.add(ExceptionUtils.stringifyException(e));
    }
}
