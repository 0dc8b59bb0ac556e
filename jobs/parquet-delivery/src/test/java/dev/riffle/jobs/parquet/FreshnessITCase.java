package dev.riffle.jobs.parquet;

import dev.riffle.jobs.parquet.config.DeliverySettings;
import dev.riffle.jobs.parquet.convert.RowSchemas;
import dev.riffle.jobs.parquet.record.DeliveryRecord;
import dev.riffle.testing.Await;
import dev.riffle.testing.flink.LocalFlinkCluster;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures data freshness on a MiniCluster with the production checkpoint interval (10 s): how long
 * after a record is "written to the stream" (its arrival time, taken when the source emits it) a
 * reader of the lake can see it. Prints one line; asserts only that every record becomes visible
 * (speed is measured, not asserted).
 */
class FreshnessITCase {

    static final int RECORDS = 300;

    @RegisterExtension
    static final LocalFlinkCluster FLINK =
            LocalFlinkCluster.builder().taskManagers(1).slotsPerTaskManager(1).build();

    @TempDir Path lake;

    @Test
    void recordsBecomeReadableAboutOneCheckpointIntervalAfterArrival() throws Exception {
        DeliverySettings settings =
                DeliverySettings.builder(
                                lake.toUri().toString(),
                                RowSchemas.fromColumns(
                                        "eventId STRING NOT NULL, writtenAt BIGINT", "Fresh"))
                        .build();
        StreamExecutionEnvironment env = LocalFlinkCluster.restartingEnv(1, Duration.ofSeconds(10));
        DataGeneratorSource<DeliveryRecord> source =
                new DataGeneratorSource<>(
                        i -> {
                            long now = System.currentTimeMillis();
                            String json = "{\"eventId\":\"f-" + i + "\",\"writtenAt\":" + now + "}";
                            return new DeliveryRecord(
                                    json.getBytes(StandardCharsets.UTF_8),
                                    "s",
                                    "shardId-000000000000",
                                    String.valueOf(i),
                                    DeliveryRecord.NOT_AGGREGATED,
                                    "k",
                                    now);
                        },
                        RECORDS,
                        RateLimiterStrategy.perSecond(15),
                        TypeInformation.of(DeliveryRecord.class));
        ParquetDeliveryPipeline.build(
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "timed records"),
                settings);
        JobID job = FLINK.submit(env);

        Map<String, Long> visibleAfter = new HashMap<>();
        Await.until(
                Duration.ofMinutes(2),
                () -> {
                    long now = System.currentTimeMillis();
                    for (LakeContents.Row row : LakeContents.parquetRows(lake)) {
                        visibleAfter.computeIfAbsent(
                                row.record().get("eventId").toString(),
                                id -> now - (Long) row.record().get("writtenAt"));
                    }
                    return visibleAfter.size() == RECORDS;
                },
                "all records readable");
        FLINK.awaitSuccess(job, Duration.ofMinutes(1));

        List<Long> delays = new ArrayList<>(visibleAfter.values());
        Collections.sort(delays);
        System.out.printf(
                "FRESHNESS parquet-delivery checkpoint_interval_s=10 records=%d p50_ms=%d p95_ms=%d"
                        + " max_ms=%d%n",
                delays.size(),
                delays.get(delays.size() / 2),
                delays.get(delays.size() * 95 / 100),
                delays.get(delays.size() - 1));
        assertThat(visibleAfter).hasSize(RECORDS);
    }
}
