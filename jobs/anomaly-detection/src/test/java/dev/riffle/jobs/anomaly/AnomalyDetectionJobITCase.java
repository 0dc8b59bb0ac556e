package dev.riffle.jobs.anomaly;

import dev.riffle.common.alert.Alert;
import dev.riffle.common.alert.AlertJson;
import dev.riffle.common.config.JobConfig;
import dev.riffle.common.config.JobConfigLoader;
import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.common.deadletter.DeadLetterJson;
import dev.riffle.testing.Await;
import dev.riffle.testing.kinesis.KinesisMockExtension;
import dev.riffle.testing.kinesis.StreamRecord;
import dev.riffle.testing.kinesis.TestStream;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job as a user configures it ({@link AnomalyDetectionJob#define} from a property-group file)
 * over kinesis-mock, at parallelism 2: two hours of events with a telemetry level shift and a
 * merchant's transaction spike raise {@code rcf} alerts (the spike also the merchant-spike rule's)
 * on the alerts stream, keyed by what they are about; a record that is not JSON and an event too
 * late for its interval become dead letters with their reasons.
 */
class AnomalyDetectionJobITCase {
    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    @TempDir Path dir;

    @Test
    void alertsGoToTheAlertsStreamKeyedByWhatTheyAreAboutAndBadRecordsToDeadLetters()
            throws Exception {
        TestStream events = KINESIS.createStream("events", 2);
        TestStream alerts = KINESIS.createStream("alerts", 1);
        TestStream deadLetters = KINESIS.createStream("dead-letters", 1);

        List<PutRecordsRequestEntry> input = new ArrayList<>();
        input.add(TestStream.entry("bad-1", "this is not an event"));
        Random random = new Random(3);
        for (int minute = 0; minute < 120; minute++) {
            // dev-1's temperature every 30 s, 9 degrees higher for readings 200 to 204.
            for (int half = 0; half < 2; half++) {
                int reading = minute * 2 + half;
                double value =
                        21
                                + random.nextGaussian() * 0.3
                                + (reading >= 200 && reading < 205 ? 9 : 0);
                input.add(
                        TestStream.entry(
                                "dev-1", telemetry("dev-1", at(minute, half * 30 + 5), value)));
            }
            // m-1: 8 to 12 transactions a minute, 60 in minute 100.
            int count = minute == 100 ? 60 : 8 + random.nextInt(5);
            for (int i = 0; i < count; i++) {
                input.add(
                        TestStream.entry(
                                "m-1",
                                transaction(
                                        "tx-" + minute + "-" + i, at(minute, i * 59.0 / count))));
            }
        }
        events.putAll(input);

        Path file = dir.resolve("anomaly-detection.json");
        JSON.writeValue(file.toFile(), configuration(events, alerts, deadLetters));
        JobConfig config =
                JobConfigLoader.builder(AnomalyDetectionJob.SCHEMA)
                        .build()
                        .load(new String[] {"--config", file.toString()});
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        // A local MiniCluster with a slot per subtask.
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        AnomalyDetectionJob.define(env, config);
        JobClient job = env.executeAsync("anomaly-detection-it");
        try {
            List<StreamRecord> raised =
                    Await.until(
                            DEADLINE,
                            alerts::readAll,
                            records ->
                                    alertsOf(records).stream().anyMatch(a -> isTemperatureShift(a))
                                            && alertsOf(records).stream().anyMatch(a -> isSpike(a))
                                            && alertsOf(records).stream()
                                                    .anyMatch(a -> isRuleSpike(a)),
                            "rcf alerts for dev-1's level shift and m-1's spike, and the"
                                    + " merchant-spike rule's");
            for (StreamRecord r : raised) {
                Alert a = AlertJson.fromJson(r.text());
                assertThat(r.partitionKey()).as(r.text()).isEqualTo(a.key());
                assertThat(a.what()).isIn("rcf", "merchant-spike");
                assertThat(a.alertId()).isEqualTo(Alert.idFor(a.what(), a.key(), a.windowEnd()));
            }
            Alert spike = alertsOf(raised).stream().filter(a -> isSpike(a)).findFirst().get();
            assertThat(spike.observed()).isEqualTo(60.0);
            assertThat(spike.windowEnd()).isEqualTo(at(101, 0));
            assertThat(spike.expected()).isBetween(6.0, 14.0);

            Alert rule = alertsOf(raised).stream().filter(a -> isRuleSpike(a)).findFirst().get();
            assertThat(rule.observed()).isEqualTo(60.0);
            assertThat(rule.alertId()).isEqualTo(Alert.idFor("merchant-spike", "m-1", at(101, 0)));
            assertThat(alertsOf(raised))
                    .filteredOn(a -> a.what().equals("merchant-spike"))
                    .extracting(Alert::key, Alert::windowEnd)
                    .containsOnly(org.assertj.core.groups.Tuple.tuple("m-1", at(101, 0)));

            // The windows of minute 0 closed long ago: an event for them is late.
            events.put("m-1", transaction("tx-late", at(0, 30)));

            List<DeadLetter> rejected =
                    Await.until(
                            DEADLINE,
                            () -> deadLettersOf(deadLetters.readAll()),
                            list -> list.size() >= 2,
                            "two dead letters");
            assertThat(rejected)
                    .extracting(d -> d.errorType)
                    .containsExactlyInAnyOrder("MALFORMED_JSON", "LATE_DATA");
            DeadLetter malformed =
                    rejected.stream()
                            .filter(d -> d.errorType.equals("MALFORMED_JSON"))
                            .findFirst()
                            .get();
            assertThat(new String(malformed.raw, StandardCharsets.UTF_8))
                    .isEqualTo("this is not an event");
            assertThat(malformed.partitionKey).isEqualTo("bad-1");
            assertThat(malformed.sourceStream).isEqualTo(events.arn());
            assertThat(malformed.jobName).isEqualTo(AnomalyPipeline.JOB_NAME);
            DeadLetter late =
                    rejected.stream()
                            .filter(d -> d.errorType.equals("LATE_DATA"))
                            .findFirst()
                            .get();
            assertThat(late.errorMessage)
                    .startsWith(
                            "Event tx-late at " + at(0, 30) + " arrived after its PT1M interval");
            assertThat(new String(late.raw, StandardCharsets.UTF_8)).contains("\"tx-late\"");
        } finally {
            job.cancel().get();
        }
    }

    private static boolean isTemperatureShift(Alert a) {
        return a.key().equals("telemetry/dev-1/temperature")
                && !a.windowEnd().isBefore(at(100, 0))
                && a.windowEnd().isBefore(at(103, 0));
    }

    private static boolean isRuleSpike(Alert a) {
        return a.what().equals("merchant-spike") && a.key().equals("m-1");
    }

    private static boolean isSpike(Alert a) {
        return a.key().equals("tx-count/m-1") && a.windowStart().equals(at(100, 0));
    }

    private static List<Alert> alertsOf(List<StreamRecord> records) {
        return records.stream().map(r -> AlertJson.fromJson(r.text())).toList();
    }

    private static List<DeadLetter> deadLettersOf(List<StreamRecord> records) {
        List<DeadLetter> out = new ArrayList<>();
        for (StreamRecord r : records) {
            try {
                out.add(DeadLetterJson.read(r.data()));
            } catch (IOException e) {
                throw new UncheckedIOException("Not a dead letter: " + r.text(), e);
            }
        }
        return out;
    }

    private static Instant at(int minute, double second) {
        return START.plusMillis((long) (minute * 60_000L + second * 1000));
    }

    private static String telemetry(String device, Instant at, double value) {
        return String.format(
                Locale.ROOT,
                "{\"eventId\":\"e-%s-%d\",\"type\":\"telemetry\",\"occurredAt\":\"%s\","
                        + "\"deviceId\":\"%s\",\"metric\":\"temperature\",\"value\":%.3f}",
                device,
                at.toEpochMilli(),
                at,
                device,
                value);
    }

    private static String transaction(String id, Instant at) {
        return String.format(
                "{\"eventId\":\"%s\",\"type\":\"transaction\",\"occurredAt\":\"%s\","
                        + "\"merchantId\":\"m-1\"}",
                id, at);
    }

    private static List<Map<String, Object>> configuration(
            TestStream events, TestStream alerts, TestStream deadLetters) {
        Map<String, String> source = new LinkedHashMap<>(KINESIS.mock().connectorProperties(false));
        source.put("stream.arn", events.arn());
        source.put("source.init.position", "TRIM_HORIZON");
        Map<String, String> alertsSink =
                new LinkedHashMap<>(KINESIS.mock().connectorProperties(false));
        alertsSink.put("stream.arn", alerts.arn());
        Map<String, String> deadLettersSink =
                new LinkedHashMap<>(KINESIS.mock().connectorProperties(false));
        deadLettersSink.put("stream.arn", deadLetters.arn());
        // A smaller forest and sample than the defaults: models warm up within the test's data.
        Map<String, String> detector = new LinkedHashMap<>();
        detector.put("detector.number-of-trees", "30");
        detector.put("detector.sample-size", "64");
        detector.put("detector.peak-window", "60");
        return List.of(
                group(AnomalyDetectionJob.EVENTS_GROUP, source),
                group(AnomalyDetectionJob.ALERTS_GROUP, alertsSink),
                group(AnomalyDetectionJob.DEAD_LETTERS_GROUP, deadLettersSink),
                group("anomaly-detection", detector));
    }

    private static Map<String, Object> group(String id, Map<String, String> properties) {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("PropertyGroupId", id);
        group.put("PropertyMap", properties);
        return group;
    }
}
