package dev.riffle.jobs.anomaly;

import dev.riffle.common.alert.Alert;
import dev.riffle.common.alert.AlertJson;
import dev.riffle.common.event.RawRecord;
import dev.riffle.jobs.anomaly.detector.DetectorSettings;
import dev.riffle.jobs.anomaly.io.EventRecord;
import dev.riffle.jobs.anomaly.io.EventRecordSchema;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Ingestion writes {@code [events]} at least once: after its restore every event of a spike minute
 * can be on the stream twice, with the same eventId. The detector counts each eventId once, so the
 * merchant-spike rule sees the real counts: a real spike is reported with its real size, and a
 * minute that is no spike (doubled only by the copies) raises nothing. Without deduplication
 * ({@code series.dedupe.window = 0}) the same input gives a doubled count and a false alert.
 */
class ReplayedEventsITCase {
    private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final int SPIKE_MINUTE = 10;

    /**
     * Two merchants, 4 transactions a minute for ten minutes (average 4: a spike is above 12), then
     * in minute 10 {@code m-real} has 20 (a spike) and {@code m-calm} 10 (none), and every event of
     * minute 10 is on the stream twice, the copy right after its original.
     */
    private static List<EventRecord> replayedSpike() {
        List<EventRecord> records = new ArrayList<>();
        for (String merchant : List.of("m-real", "m-calm")) {
            for (int minute = 0; minute <= SPIKE_MINUTE; minute++) {
                int count = minute < SPIKE_MINUTE ? 4 : merchant.equals("m-real") ? 20 : 10;
                for (int i = 0; i < count; i++) {
                    String id = merchant + "-" + minute + "-" + i;
                    Instant at = START.plusSeconds(60L * minute + 2L * i);
                    records.add(transaction(id, merchant, at));
                    if (minute == SPIKE_MINUTE) {
                        records.add(transaction(id, merchant, at)); // the replayed copy
                    }
                }
            }
        }
        return records;
    }

    private static EventRecord transaction(String id, String merchant, Instant at) {
        String json =
                String.format(
                        "{\"eventId\":\"%s\",\"type\":\"transaction\",\"occurredAt\":\"%s\","
                                + "\"merchantId\":\"%s\"}",
                        id, at, merchant);
        return EventRecordSchema.parse(
                new RawRecord(
                        json.getBytes(StandardCharsets.UTF_8),
                        "events",
                        "shardId-000000000000",
                        id,
                        merchant,
                        at.toEpochMilli()));
    }

    /** The alerts of one bounded run at parallelism 2 (every interval closes at the end). */
    private static List<Alert> alerts(Duration dedupeWindow) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        WatermarkStrategy<EventRecord> eventTime =
                WatermarkStrategy.<EventRecord>noWatermarks()
                        .withTimestampAssigner((r, ts) -> r.event.occurredAt.toEpochMilli());
        AnomalyPipeline.Outputs out =
                AnomalyPipeline.build(
                        env.fromData(replayedSpike(), TypeInformation.of(EventRecord.class))
                                .assignTimestampsAndWatermarks(eventTime),
                        DetectorSettings.defaults(),
                        INTERVAL,
                        10,
                        Duration.ofSeconds(5),
                        dedupeWindow);
        List<Alert> alerts = new ArrayList<>();
        try (CloseableIterator<String> it = out.alerts.executeAndCollect("replayed-events")) {
            it.forEachRemaining(json -> alerts.add(AlertJson.fromJson(json)));
        }
        return alerts;
    }

    @Test
    void aReplayedSpikeIsCountedOnceAndAReplayedCalmMinuteRaisesNothing() throws Exception {
        Instant spikeStart = START.plus(INTERVAL.multipliedBy(SPIKE_MINUTE));

        List<Alert> deduplicated = alerts(Duration.ofMinutes(10));
        List<Alert> counted = alerts(Duration.ZERO);

        assertThat(deduplicated)
                .extracting(Alert::what, Alert::key, Alert::windowStart, Alert::observed)
                .containsExactly(tuple("merchant-spike", "m-real", spikeStart, 20.0));
        assertThat(deduplicated.get(0).expected()).isEqualTo(4.0);
        // The same input, every copy counted: the spike's size doubled, and a false alarm.
        assertThat(counted)
                .extracting(Alert::what, Alert::key, Alert::observed)
                .containsExactlyInAnyOrder(
                        tuple("merchant-spike", "m-real", 40.0),
                        tuple("merchant-spike", "m-calm", 20.0));
    }
}
