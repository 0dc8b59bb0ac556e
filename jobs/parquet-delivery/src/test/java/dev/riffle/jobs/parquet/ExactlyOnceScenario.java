package dev.riffle.jobs.parquet;

import dev.riffle.jobs.parquet.config.DeliverySettings;
import dev.riffle.jobs.parquet.convert.RowSchemas;
import dev.riffle.jobs.parquet.record.DeliveryRecord;
import dev.riffle.testing.Await;
import dev.riffle.testing.flink.LocalFlinkCluster;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exactly-once scenario shared by the filesystem and the S3 test: 100,000 generated records
 * through the delivery on two TaskManagers, both of which are killed mid-stream (one after the
 * other, each after a completed checkpoint), then what a reader sees checked record by record.
 */
final class ExactlyOnceScenario {

    static final int RECORDS = 100_000;

    private ExactlyOnceScenario() {}

    static DeliverySettings settings(String basePath) {
        return DeliverySettings.builder(
                        basePath, RowSchemas.fromColumns(TestRecords.COLUMNS, "Event"))
                .prefix(TestRecords.PREFIX)
                .errorPrefix(TestRecords.ERROR_PREFIX)
                .partitionKey("type", ".type")
                .eventTime(".occurredAt")
                .build();
    }

    /** Runs the job to the end, killing both TaskManagers on the way. */
    static void runKillingBothTaskManagers(LocalFlinkCluster flink, DeliverySettings settings)
            throws Exception {
        ProgressProbe.reset();
        MiniCluster cluster = flink.cluster();
        JobID job = flink.submit(pipeline(settings));
        killTaskManagerAfter(cluster, job, 25_000, 0);
        killTaskManagerAfter(cluster, job, 60_000, 1);
        flink.awaitSuccess(job, Duration.ofMinutes(3));
        assertThat(ProgressProbe.RECORDS.get())
                .as("records were replayed after the failures")
                .isGreaterThan(RECORDS);
    }

    /** Every record exactly once, each in the folder of its type and event hour. */
    static void assertExactlyOnce(List<LakeContents.Row> rows) {
        Map<String, Integer> seen = new HashMap<>();
        for (LakeContents.Row row : rows) {
            String id = row.record().get("eventId").toString();
            seen.merge(id, 1, Integer::sum);
            long i = Long.parseLong(id.substring(2));
            assertThat(row.folder())
                    .as("folder of %s", id)
                    .isEqualTo(TestRecords.expectedFolder(i));
        }
        assertThat(seen.entrySet().stream().filter(e -> e.getValue() > 1))
                .as("records delivered more than once")
                .isEmpty();
        Set<String> expected = new HashSet<>();
        for (long i = 0; i < RECORDS; i++) {
            expected.add("e-" + i);
        }
        assertThat(seen.keySet()).as("ids delivered").hasSize(RECORDS).isEqualTo(expected);
        assertThat(rows).hasSize(RECORDS);
    }

    private static StreamExecutionEnvironment pipeline(DeliverySettings settings) {
        StreamExecutionEnvironment env = LocalFlinkCluster.restartingEnv(2, Duration.ofSeconds(1));
        // As the job runs: with object reuse (records are handed on, not copied).
        ParquetDeliveryJob.configure(env);
        DataGeneratorSource<DeliveryRecord> source =
                new DataGeneratorSource<>(
                        TestRecords.generator(),
                        RECORDS,
                        RateLimiterStrategy.perSecond(20_000),
                        TypeInformation.of(DeliveryRecord.class));
        ParquetDeliveryPipeline.build(
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "generated records")
                        .map(new ProgressProbe())
                        .name("progress probe"),
                settings);
        return env;
    }

    /**
     * Waits until {@code records} records went through and a checkpoint completed after that, then
     * kills TaskManager {@code index} and starts a fresh one in its place.
     */
    private static void killTaskManagerAfter(
            MiniCluster cluster, JobID job, long records, int index) throws Exception {
        Await.until(
                Duration.ofMinutes(2),
                () -> ProgressProbe.RECORDS.get() >= records,
                records + " records processed");
        long checkpoints = ProgressProbe.CHECKPOINTS.get();
        Await.until(
                Duration.ofMinutes(1),
                () -> ProgressProbe.CHECKPOINTS.get() > checkpoints,
                "a checkpoint after " + records + " records");
        assertThat(cluster.getJobStatus(job).get()).isEqualTo(JobStatus.RUNNING);
        cluster.terminateTaskManager(index).get(1, TimeUnit.MINUTES);
        cluster.startTaskManager();
    }
}
