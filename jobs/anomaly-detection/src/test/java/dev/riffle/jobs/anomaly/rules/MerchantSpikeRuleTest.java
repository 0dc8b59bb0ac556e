package dev.riffle.jobs.anomaly.rules;

import dev.riffle.common.alert.Alert;
import dev.riffle.common.alert.AlertJson;
import dev.riffle.jobs.anomaly.detector.SeriesPoint;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The DataStream merchant-spike rule on per-minute counts: the same alerts as the SQL rule on the
 * same traffic (SqlRulesITCase's m-2), empty minutes as zeros, and its window survives a restore.
 */
class MerchantSpikeRuleTest {
    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    private static KeyedOneInputStreamOperatorTestHarness<String, SeriesPoint, String> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new MerchantSpikeRule(Duration.ofMinutes(1))),
                p -> p.key,
                Types.STRING);
    }

    private static SeriesPoint count(String merchant, int minute, int count) {
        return new SeriesPoint(
                "tx-count/" + merchant, START.plusSeconds(60L * minute).toEpochMilli(), count);
    }

    private static Instant at(int minute) {
        return START.plusSeconds(60L * minute);
    }

    private static List<Alert> alerts(
            KeyedOneInputStreamOperatorTestHarness<String, SeriesPoint, String> h) {
        List<Alert> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            out.add(AlertJson.fromJson(((StreamRecord<String>) o).getValue()));
        }
        return out;
    }

    @Test
    void raisesTheSqlRulesAlertsForASpikeOfTwoMinutes() throws Exception {
        try (var h = harness()) {
            h.open();
            for (int minute = 0; minute < 40; minute++) {
                h.processElement(
                        new StreamRecord<>(
                                count("m-2", minute, minute == 30 || minute == 31 ? 36 : 6)));
                h.processElement(new StreamRecord<>(count("m-1", minute, 12)));
            }

            List<Alert> alerts = alerts(h);
            assertThat(alerts)
                    .extracting(Alert::what, Alert::key, Alert::windowStart, Alert::windowEnd)
                    .containsExactly(
                            tuple("merchant-spike", "m-2", at(30), at(31)),
                            tuple("merchant-spike", "m-2", at(31), at(32)));
            Alert first = alerts.get(0);
            assertThat(first.alertId()).isEqualTo(Alert.idFor("merchant-spike", "m-2", at(31)));
            assertThat(first.observed()).isEqualTo(36.0);
            assertThat(first.expected()).isEqualTo(6.0);
            assertThat(first.score()).isEqualTo(6.0);
            assertThat(first.explanation())
                    .isEqualTo(
                            "36 transactions in one minute, 6.0x the trailing 10-minute average of"
                                    + " 6.0");
            assertThat(alerts.get(1).expected()).isEqualTo(9.0);
        }
    }

    @Test
    void emptyMinutesCountAsZeroAndAStartWithoutHistoryDoesNotPage() throws Exception {
        try (var h = harness()) {
            h.open();
            // m-5 appears at minute 0 only, then nothing until 10 at minute 10: baseline 3.
            h.processElement(new StreamRecord<>(count("m-5", 0, 3)));
            h.processElement(new StreamRecord<>(count("m-5", 10, 10)));
            // m-6 first appears at minute 20 with a burst: no history in the window's first
            // minute, no alert, whatever the numbers.
            h.processElement(new StreamRecord<>(count("m-6", 20, 50)));
            // m-7: 12 in minute 0 and 30 in minute 10; the 9 empty minutes between are zeros, so
            // the average is 1.2 and 30 > 3.6.
            h.processElement(new StreamRecord<>(count("m-7", 0, 12)));
            h.processElement(new StreamRecord<>(count("m-7", 10, 30)));

            assertThat(alerts(h))
                    .extracting(Alert::key, Alert::windowEnd, Alert::expected)
                    .containsExactly(tuple("m-7", at(11), 1.2));
        }
    }

    @Test
    void theWindowIsStateAndSurvivesARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            for (int minute = 0; minute < 30; minute++) {
                h.processElement(new StreamRecord<>(count("m-2", minute, 6)));
            }
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(new StreamRecord<>(count("m-2", 30, 36)));

            assertThat(alerts(h))
                    .extracting(Alert::key, Alert::windowEnd, Alert::expected)
                    .containsExactly(tuple("m-2", at(31), 6.0));
        }
    }
}
