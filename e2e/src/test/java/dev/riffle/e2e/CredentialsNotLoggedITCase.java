package dev.riffle.e2e;

import dev.riffle.common.config.JobConfig;
import dev.riffle.jobs.ingestion.IngestionJob;
import dev.riffle.jobs.ingestion.config.IngestionOptions;
import dev.riffle.jobs.parquet.ParquetDeliveryJob;
import dev.riffle.jobs.parquet.config.ParquetDeliveryConfig;
import dev.riffle.testing.Await;
import dev.riffle.testing.LocalAws;
import dev.riffle.testing.kinesis.KinesisMockExtension;
import dev.riffle.testing.kinesis.TestStream;
import dev.riffle.testing.s3.S3ProxyExtension;
import dev.riffle.testing.s3.TestBucket;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
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
 * Credentials given to the jobs never reach a log line or an error message. Ingestion and Parquet
 * delivery run with distinctive static Kinesis keys ({@code aws.credentials.provider=BASIC}) and
 * deliver to s3proxy with static S3 keys, after a configuration error (with the keys in the same
 * group) has been provoked. Everything the JVM logs meanwhile (root at INFO, {@code dev.riffle} at
 * DEBUG, stack traces included) goes to a file, together with the messages and {@code toString()}
 * of the exceptions and configurations; no key may appear in it. The file must also show the jobs
 * at work (stream names, the bucket), so an empty or silent capture fails the test too.
 */
class CredentialsNotLoggedITCase {
    static final String KINESIS_KEY_ID = "AKIARIFFLEE2EKINESIS7";
    static final String KINESIS_SECRET = "riffle/e2e+kinesis-SECRET-never-logged-0123456789";
    static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Logger LOG = LoggerFactory.getLogger(CredentialsNotLoggedITCase.class);

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();
    @RegisterExtension static final E2eCluster FLINK = new E2eCluster(1, 4);

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
                                        ingestionGroups(badSource, connection, events, deadLetters)
                                                .load(
                                                        IngestionOptions.SCHEMA,
                                                        dir.resolve("bad.json"));
                                messages.add(bad.toString());
                                IngestionJob.define(E2eCluster.env(Duration.ofSeconds(1)), bad);
                            })
                    .satisfies(e -> record(messages, e))
                    .hasMessageContaining("SOMEWHERE");

            // 2. Ingestion over kinesis-mock with static keys: one good and one bad record.
            JobConfig ingestion =
                    ingestionGroups(
                                    Pipelines.source(connection, raw.arn()),
                                    connection,
                                    events,
                                    deadLetters)
                            .load(IngestionOptions.SCHEMA, dir.resolve("ingestion.json"));
            messages.add(ingestion.toString());
            StreamExecutionEnvironment env = E2eCluster.env(Duration.ofSeconds(1));
            IngestionJob.define(env, ingestion);
            JobID ingestionJob = FLINK.submit(env, "ingestion");

            raw.put(
                    "u-1",
                    "{\"eventId\":\"cred-1\",\"type\":\"click\",\"timestamp\":\"2026-03-01T12:00:00Z\",\"userId\":\"u-1\",\"action\":\"page_view\",\"page\":\"/\"}");
            raw.put("u-2", "{\"eventId\":\"cred-2\",\"type\":\"click\"");
            events.awaitRecords(1, DEADLINE);

            // 3. Delivery to s3proxy with the right static keys.
            initializeS3();
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

        String captured = Files.readString(log) + String.join("\n", messages);
        // The capture saw the jobs work and fail: it would have seen a key too.
        assertThat(captured)
                .contains(raw.arn())
                .contains(events.arn())
                .contains("SOMEWHERE")
                .contains(bucket.name());
        for (String secret :
                List.of(
                        KINESIS_KEY_ID,
                        KINESIS_SECRET,
                        LocalAws.ACCESS_KEY_ID,
                        LocalAws.SECRET_ACCESS_KEY)) {
            assertThat(captured)
                    .as("the captured log (%s) must not contain a credential", log)
                    .doesNotContain(secret)
                    .doesNotContain(URLEncoder.encode(secret, StandardCharsets.UTF_8))
                    .doesNotContain(secret.replace("/", "\\/"));
        }
        System.out.printf(
                "RELIABILITY credentials logBytes=%d messages=%d%n",
                Files.size(log), messages.size());
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
            TestStream events,
            TestStream deadLetters) {
        return new PropertyGroups()
                .group(IngestionOptions.SOURCE_GROUP, source)
                .group(IngestionOptions.EVENTS_GROUP, Pipelines.sink(connection, events.arn()))
                .group(
                        IngestionOptions.DEAD_LETTERS_GROUP,
                        Pipelines.sink(connection, deadLetters.arn()))
                .group(IngestionOptions.GROUP, Pipelines.ingestion());
    }

    private JobID submitDelivery(
            Map<String, String> connection, TestStream events, TestBucket bucket, String file)
            throws Exception {
        JobConfig config =
                Pipelines.delivery(connection, events.arn(), "s3://" + bucket.name() + "/lake")
                        .load(ParquetDeliveryConfig.SCHEMA, dir.resolve(file));
        StreamExecutionEnvironment env = E2eCluster.env(Duration.ofSeconds(1));
        ParquetDeliveryJob.define(env, config);
        return FLINK.submit(env, "parquet-delivery");
    }

    /** The S3 filesystem as a cluster loads it (a plugin), with s3proxy's static keys. */
    private static void initializeS3() throws Exception {
        Path plugins = Path.of(System.getProperty("riffle.plugins.dir", "target/plugins"));
        Map<String, String> s3 = new LinkedHashMap<>(S3.proxy().flinkS3Properties());
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
