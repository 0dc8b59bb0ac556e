package dev.riffle.e2e;

import dev.riffle.jobs.parquet.config.ParquetDeliveryConfig;
import dev.riffle.testdata.GeneratorConfig;
import dev.riffle.testing.flink.LocalFlinkCluster;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Configuration of the jobs as the tests run them: property groups, as in deploy/local. */
final class Pipelines {
    /** The lake's columns for events: what deploy/managed-flink's events delivery writes. */
    static final String EVENT_COLUMNS =
            "eventId STRING NOT NULL, type STRING NOT NULL, occurredAt TIMESTAMP(3),"
                    + " receivedAt TIMESTAMP(3), userId STRING, sessionId STRING, ip STRING,"
                    + " country STRING, geoCountry STRING, merchantId STRING,"
                    + " amount DECIMAL(18, 4), currency STRING, status STRING,"
                    + " paymentMethod STRING, outcome STRING, latencyMs BIGINT, errorCode STRING,"
                    + " action STRING, page STRING, feature STRING, deviceId STRING,"
                    + " metric STRING, `value` DOUBLE, unit STRING";

    private Pipelines() {}

    /**
     * An environment for one job: parallelism 2, checkpoints every {@code checkpointInterval}, and
     * restarts without limit (1 s apart) so that faults show up as restarts, not as a failed test.
     */
    static StreamExecutionEnvironment env(Duration checkpointInterval) {
        return LocalFlinkCluster.restartingEnv(
                2, checkpointInterval, Integer.MAX_VALUE, Duration.ofSeconds(1));
    }

    /**
     * A MiniCluster for one test class whose jobs each spread their subtasks over the task
     * managers, so that killing one hits every job.
     */
    static LocalFlinkCluster cluster(int taskManagers, int slotsPerTaskManager) {
        return LocalFlinkCluster.builder()
                .taskManagers(taskManagers)
                .slotsPerTaskManager(slotsPerTaskManager)
                .spreadSlots()
                .build();
    }

    /** A Kinesis source group: the connection, the stream, from the trim horizon. */
    static Map<String, String> source(Map<String, String> connection, String streamArn) {
        Map<String, String> p = new LinkedHashMap<>(connection);
        p.put("stream.arn", streamArn);
        p.put("source.init.position", "TRIM_HORIZON");
        // Short, so a test sees resharding and new data quickly (defaults: 10 s, 2 s).
        p.put("source.shard.discovery.interval", "1 s");
        p.put("source.reader.empty-records-fetch-interval", "200 ms");
        return p;
    }

    static Map<String, String> sink(Map<String, String> connection, String streamArn) {
        Map<String, String> p = new LinkedHashMap<>(connection);
        p.put("stream.arn", streamArn);
        return p;
    }

    /** Ingestion's own group: the generator's test accounts and internal network are filtered. */
    static Map<String, String> ingestion() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("filter.test-account-prefixes", GeneratorConfig.TEST_ACCOUNT_PREFIX);
        p.put("filter.internal-cidrs", GeneratorConfig.INTERNAL_CIDR);
        return p;
    }

    /** Parquet delivery of [events] into a lake at {@code lake} (a folder or an s3:// URI). */
    static PropertyGroups delivery(Map<String, String> connection, String eventsArn, String lake) {
        return delivery(connection, eventsArn, lake, Map.of());
    }

    /** The same, with {@code extraLake} added to the lake group. */
    static PropertyGroups delivery(
            Map<String, String> connection,
            String eventsArn,
            String lake,
            Map<String, String> extraLake) {
        Map<String, String> lakeGroup = new LinkedHashMap<>();
        lakeGroup.put("path", lake);
        lakeGroup.put("prefix", "events/dt=!{timestamp:yyyy-MM-dd}/");
        lakeGroup.put("error-prefix", "errors/!{firehose:error-output-type}/");
        lakeGroup.putAll(extraLake);
        return new PropertyGroups()
                .group(ParquetDeliveryConfig.SOURCE_GROUP, source(connection, eventsArn))
                .group("lake", lakeGroup)
                .group("schema", Map.of("record-name", "Event", "columns", EVENT_COLUMNS));
    }

    static String uri(Path folder) {
        return folder.toUri().toString();
    }
}
