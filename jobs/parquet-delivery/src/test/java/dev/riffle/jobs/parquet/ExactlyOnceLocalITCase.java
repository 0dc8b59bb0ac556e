package dev.riffle.jobs.parquet;

import dev.riffle.jobs.parquet.config.DeliverySettings;
import dev.riffle.jobs.parquet.convert.RowSchemas;
import dev.riffle.jobs.parquet.record.DeliveryRecord;
import dev.riffle.testing.Await;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100,000 records through the delivery on two TaskManagers, both of which are killed mid-stream
 * (one after the other, each after a completed checkpoint): every record lands in the lake exactly
 * once, in the folder of its type and event hour, and every visible file is a complete Parquet
 * file.
 */
class ExactlyOnceLocalITCase {

    static final int RECORDS = 100_000;

    @RegisterExtension static final LocalFlinkCluster FLINK = new LocalFlinkCluster(2, 1);

    @TempDir Path lake;

    @Test
    void everyRecordExactlyOnceDespiteTwoTaskManagerFailures() throws Exception {
        MiniCluster cluster = FLINK.cluster();
        ProgressProbe.reset();
        DeliverySettings settings =
                DeliverySettings.builder(
                                lake.toUri().toString(),
                                RowSchemas.fromColumns(TestRecords.COLUMNS, "Event"))
                        .prefix(TestRecords.PREFIX)
                        .errorPrefix(TestRecords.ERROR_PREFIX)
                        .partitionKey("type", ".type")
                        .eventTime(".occurredAt")
                        .build();

        JobID job = FLINK.submit(pipeline(settings));

        killTaskManagerAfter(cluster, job, 25_000, 0);
        killTaskManagerAfter(cluster, job, 60_000, 1);
        FLINK.awaitSuccess(job, Duration.ofMinutes(3));

        List<LakeContents.Row> rows = LakeContents.parquetRows(lake);
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
        assertThat(LakeContents.visibleFiles(lake))
                .as("visible files are committed Parquet files, no errors")
                .allMatch(f -> f.startsWith("events/") && f.endsWith(".parquet"));
        assertThat(ProgressProbe.RECORDS.get())
                .as("records were replayed after the failures")
                .isGreaterThan(RECORDS);
    }

    private static StreamExecutionEnvironment pipeline(DeliverySettings settings) {
        StreamExecutionEnvironment env = LocalFlinkCluster.env(2, Duration.ofMillis(500));
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
