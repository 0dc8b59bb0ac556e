package dev.riffle.jobs.anomaly;

import dev.riffle.common.alert.Alert;
import dev.riffle.common.alert.AlertJson;
import dev.riffle.common.event.Event;
import dev.riffle.common.event.EventType;
import dev.riffle.jobs.anomaly.detector.DetectorSettings;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Events in, alerts out: a telemetry level shift and a merchant spike each raise an rcf alert. */
class AnomalyPipelineITCase {
    private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");

    @Test
    void aLevelShiftAndAVolumeSpikeRaiseAlertsAboveTheNoise() throws Exception {
        List<Event> events = new ArrayList<>();
        Random random = new Random(5);
        for (int i = 0; i < 600; i++) {
            Instant at = START.plusSeconds(60L * i);
            double temperature = 21 + random.nextGaussian() * 0.3 + (i >= 500 && i < 505 ? 9 : 0);
            events.add(telemetry("dev-1", at, temperature));
            events.add(telemetry("dev-2", at.plusSeconds(1), 55 + random.nextGaussian()));
            int transactions = i == 450 ? 60 : 8 + random.nextInt(5);
            for (int t = 0; t < transactions; t++) {
                events.add(transaction("m-1", at.plusMillis(2000 + t * 500L)));
            }
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // One subtask: fromData is a single-subtask source, and a rebalance to more subtasks would
        // reorder each series (on Kinesis, the source runs at the job's parallelism and chains).
        env.setParallelism(1);
        DataStream<Event> stream =
                env.fromData(events).assignTimestampsAndWatermarks(AnomalyPipeline.watermarks());
        DetectorSettings settings =
                DetectorSettings.builder()
                        .numberOfTrees(30)
                        .sampleSize(128)
                        .peakWindow(100)
                        .build();
        Duration interval = Duration.ofMinutes(1);

        List<Alert> alerts = new ArrayList<>();
        try (CloseableIterator<String> it =
                AnomalyPipeline.alerts(
                                AnomalyPipeline.score(
                                        AnomalyPipeline.series(stream, interval), settings),
                                interval)
                        .executeAndCollect()) {
            it.forEachRemaining(json -> alerts.add(AlertJson.fromJson(json)));
        }

        assertThat(alerts).extracting(Alert::what).containsOnly("rcf");
        assertThat(alerts)
                .filteredOn(a -> a.key().equals("telemetry/dev-1/temperature"))
                .anyMatch(a -> a.windowStart().equals(START.plusSeconds(60L * 500)));
        Alert spike =
                alerts.stream()
                        .filter(a -> a.key().equals("tx-count/m-1"))
                        .findFirst()
                        .orElseThrow();
        assertThat(spike.windowStart()).isEqualTo(START.plusSeconds(60L * 450));
        assertThat(spike.windowEnd()).isEqualTo(START.plusSeconds(60L * 451));
        assertThat(spike.observed()).isEqualTo(60.0);
        assertThat(spike.grade()).isBetween(0.5, 1.0);
        assertThat(spike.attribution()).containsKey("value");
        // Plain noise can cross the threshold now and then (dev-2 is Gaussian), but never as far
        // as the injected anomalies do.
        assertThat(alerts)
                .filteredOn(a -> a.key().equals("telemetry/dev-2/humidity"))
                .allMatch(a -> a.score() < spike.score());
    }

    private static Event telemetry(String device, Instant at, double value) {
        Event e = new Event();
        e.eventId = device + "-" + at.toEpochMilli();
        e.type = EventType.TELEMETRY;
        e.occurredAt = at;
        e.deviceId = device;
        e.metric = device.equals("dev-1") ? "temperature" : "humidity";
        e.value = value;
        return e;
    }

    private static Event transaction(String merchant, Instant at) {
        Event e = new Event();
        e.eventId = merchant + "-" + at.toEpochMilli();
        e.type = EventType.TRANSACTION;
        e.occurredAt = at;
        e.merchantId = merchant;
        return e;
    }
}
