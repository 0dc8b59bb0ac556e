package dev.riffle.jobs.anomaly.rules;

import dev.riffle.common.alert.Alert;
import dev.riffle.common.alert.AlertJson;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule scripts of sql/anomaly, statement for statement, over 40 minutes of synthetic events
 * with three injected anomalies: only the Kinesis connector options are swapped for local files.
 * Each rule must raise its anomaly and nothing else.
 */
class SqlRulesITCase {
    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    private static final Map<String, String> VARIABLES =
            Map.of(
                    "kinesis.stream-arn-prefix", "arn:aws:kinesis:us-east-1:000000000000:stream/",
                    "events.stream", "events",
                    "alerts.stream", "alerts",
                    "events.init-position", "TRIM_HORIZON",
                    "aws.region", "us-east-1",
                    "kinesis.endpoint", "http://127.0.0.1:1",
                    "aws.access-key-id", "local",
                    "aws.secret-key", "local",
                    "kinesis.options", "'aws.region' = 'us-east-1',");

    @TempDir static Path tmp;
    private static Path events;

    @BeforeAll
    static void writeEvents() throws Exception {
        events = tmp.resolve("events.json");
        List<String> lines = new ArrayList<>();
        for (int minute = 0; minute < 40; minute++) {
            // Transactions: m-1 12/min, m-2 6/min (36/min in minutes 30 and 31), m-3 3/min.
            transactions(lines, "m-1", minute, 12);
            transactions(lines, "m-2", minute, minute == 30 || minute == 31 ? 36 : 6);
            transactions(lines, "m-3", minute, 3);
            // Checkouts: m-1 20/min, one error in 200 (0.5%), half of them errors in minutes
            // 20 to 22; m-2 4/min, below the minimum volume whatever its errors.
            for (int i = 0; i < 20; i++) {
                long n = minute * 20L + i;
                boolean error = (minute >= 20 && minute <= 22) ? i % 2 == 0 : n % 200 == 7;
                lines.add(checkout("m-1", at(minute, i * 3), error));
            }
            for (int i = 0; i < 4; i++) {
                lines.add(checkout("m-2", at(minute, i * 15 + 1), i == 0));
            }
            // Telemetry every 10 s: dev-1 temperature 22, 40 for 7 readings from minute 25;
            // dev-2 humidity 50, 90 for 3 readings at minute 12 (too short to be a breach).
            for (int s = 0; s < 60; s += 10) {
                int index = minute * 6 + s / 10;
                double temperature = index >= 150 && index < 157 ? 40 : 22 + (index % 3) * 0.5;
                double humidity = index >= 72 && index < 75 ? 90 : 50;
                lines.add(telemetry("dev-1", "temperature", at(minute, s + 2), temperature));
                lines.add(telemetry("dev-2", "humidity", at(minute, s + 4), humidity));
            }
        }
        lines.sort(
                Comparator.comparing(l -> l.replaceAll(".*\"occurredAt\":\"([^\"]+)\".*", "$1")));
        Files.write(events, lines);
    }

    private static Instant at(int minute, double second) {
        return START.plusMillis((long) (minute * 60_000L + second * 1000));
    }

    private static void transactions(List<String> lines, String merchant, int minute, int count) {
        for (int i = 0; i < count; i++) {
            lines.add(
                    String.format(
                            Locale.ROOT,
                            "{\"eventId\":\"t-%s-%d-%d\",\"type\":\"transaction\",\"occurredAt\":\"%s\",\"merchantId\":\"%s\"}",
                            merchant,
                            minute,
                            i,
                            at(minute, i * 60.0 / count + 0.5),
                            merchant));
        }
    }

    private static String checkout(String merchant, Instant at, boolean error) {
        return String.format(
                "{\"eventId\":\"c-%s-%d\",\"type\":\"checkout\",\"occurredAt\":\"%s\",\"merchantId\":\"%s\",\"outcome\":\"%s\"}",
                merchant, at.toEpochMilli(), at, merchant, error ? "error" : "ok");
    }

    private static String telemetry(String device, String metric, Instant at, double value) {
        return String.format(
                Locale.ROOT,
                "{\"eventId\":\"e-%s-%d\",\"type\":\"telemetry\",\"occurredAt\":\"%s\",\"deviceId\":\"%s\",\"metric\":\"%s\",\"value\":%.2f}",
                device,
                at.toEpochMilli(),
                at,
                device,
                metric,
                value);
    }

    /** Runs the script with local files for events and alerts and returns the alerts written. */
    private static List<Alert> run(String script) throws Exception {
        Path out = Files.createTempDirectory(tmp, "alerts");
        Configuration conf = new Configuration();
        conf.setString("execution.checkpointing.interval", "1 s");
        conf.setString("parallelism.default", "2");
        TableEnvironment tEnv =
                TableEnvironment.create(
                        EnvironmentSettings.newInstance()
                                .inStreamingMode()
                                .withConfiguration(conf)
                                .build());
        SqlScript sql =
                SqlScript.load(script, VARIABLES)
                        .withOptions(
                                "events",
                                "'connector' = 'filesystem', 'path' = '"
                                        + events.toUri()
                                        + "', 'format' = 'json'")
                        .withOptions(
                                "alerts",
                                "'connector' = 'filesystem', 'path' = '"
                                        + out.toUri()
                                        + "', 'format' = 'json', 'json.timestamp-format.standard' ="
                                        + " 'ISO-8601'");
        for (String statement : sql.statements()) {
            java.util.regex.Matcher set =
                    java.util.regex.Pattern.compile("SET '([^']+)' = '([^']*)'").matcher(statement);
            if (set.matches()) {
                // The SQL client's SET; TableEnvironment takes it as configuration.
                tEnv.getConfig().getConfiguration().setString(set.group(1), set.group(2));
            } else if (statement.startsWith("INSERT")) {
                tEnv.executeSql(statement).await();
            } else {
                tEnv.executeSql(statement);
            }
        }
        List<Alert> alerts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f :
                    files.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .collect(Collectors.toList())) {
                for (String line : Files.readAllLines(f)) {
                    alerts.add(AlertJson.fromJson(line));
                }
            }
        }
        alerts.sort(Comparator.comparing(Alert::key).thenComparing(Alert::windowEnd));
        for (Alert a : alerts) {
            assertThat(a.alertId()).isEqualTo(Alert.idFor(a.what(), a.key(), a.windowEnd()));
        }
        return alerts;
    }

    @Test
    void merchantSpikeFlagsTheSpikingMerchantForItsTwoMinutesOnly() throws Exception {
        List<Alert> alerts = run("sql/anomaly/merchant-spike.sql");

        assertThat(alerts)
                .extracting(Alert::what, Alert::key, Alert::windowEnd)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("merchant-spike", "m-2", at(31, 0)),
                        org.assertj.core.groups.Tuple.tuple("merchant-spike", "m-2", at(32, 0)));
        Alert first = alerts.get(0);
        assertThat(first.windowStart()).isEqualTo(at(30, 0));
        assertThat(first.observed()).isEqualTo(36.0);
        assertThat(first.expected()).isEqualTo(6.0);
        assertThat(first.score()).isEqualTo(6.0);
        assertThat(first.explanation())
                .isEqualTo(
                        "36 transactions in one minute, 6.0x the trailing 10-minute average of"
                                + " 6.0");
        assertThat(alerts.get(1).expected()).isEqualTo(9.0);
    }

    @Test
    void checkoutHealthFlagsTheErrorBurstAndNotTheBaselineOrSmallMerchants() throws Exception {
        List<Alert> alerts = run("sql/anomaly/checkout-health.sql");

        assertThat(alerts).isNotEmpty();
        for (Alert a : alerts) {
            assertThat(a.what()).isEqualTo("checkout-health");
            assertThat(a.key()).isEqualTo("m-1");
            assertThat(Duration.between(a.windowStart(), a.windowEnd())).hasMinutes(5);
            // Every alerting window overlaps the burst (minutes 20 to 22).
            assertThat(a.windowEnd()).isAfter(at(20, 0));
            assertThat(a.windowStart()).isBefore(at(23, 0));
            assertThat(a.observed()).isGreaterThan(0.02);
            assertThat(a.expected()).isEqualTo(0.02);
        }
        // Windows ending 10:21 through 10:27 contain burst minutes.
        assertThat(alerts).extracting(Alert::windowEnd).contains(at(21, 0), at(27, 0)).hasSize(7);
    }

    @Test
    void telemetryBreachNeedsFiveConsecutiveReadingsOverTheLimit() throws Exception {
        List<Alert> alerts = run("sql/anomaly/telemetry-breach.sql");

        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.what()).isEqualTo("telemetry-breach");
        assertThat(a.key()).isEqualTo("dev-1/temperature");
        assertThat(a.windowStart()).isEqualTo(at(25, 2));
        assertThat(a.windowEnd()).isEqualTo(at(25, 42));
        assertThat(a.observed()).isEqualTo(40.0);
        assertThat(a.expected()).isEqualTo(35.0);
    }
}
