package dev.riffle.jobs.parquet.internal;

import dev.riffle.common.dedupe.FirstSighting;
import dev.riffle.jobs.parquet.convert.JsonPath;
import dev.riffle.jobs.parquet.record.DeliveryRecord;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dedupe step ({@link FirstSighting} keyed by {@link DedupeKey}) in isolation: what it emits,
 * that its state goes when the window is over, and that the state of the step it replaced restores.
 */
class DedupeTest {
    private static final long WINDOW = Duration.ofMinutes(10).toMillis();

    private KeyedOneInputStreamOperatorTestHarness<String, DeliveryRecord, DeliveryRecord> harness;
    private int sequence;

    private static KeyedOneInputStreamOperatorTestHarness<String, DeliveryRecord, DeliveryRecord>
            newHarness() throws Exception {
        return newHarness(
                new FirstSighting<DeliveryRecord>(Duration.ofMillis(WINDOW), DedupeKey::hasId));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, DeliveryRecord, DeliveryRecord>
            newHarness(KeyedProcessFunction<String, DeliveryRecord, DeliveryRecord> dedupe)
                    throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(dedupe),
                new DedupeKey(JsonPath.parse(".eventId"), true),
                Types.STRING);
    }

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
        harness.setProcessingTime(0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** Sends a record with {@code json} as its data; its tag tells the copies apart. */
    private void send(String json) throws Exception {
        sequence++;
        harness.processElement(
                new StreamRecord<>(
                        new DeliveryRecord(
                                json.getBytes(StandardCharsets.UTF_8),
                                "events",
                                "shardId-000000000000",
                                String.valueOf(sequence),
                                DeliveryRecord.NOT_AGGREGATED,
                                "pk",
                                0L)));
    }

    private void sendId(String id, String tag) throws Exception {
        send("{\"eventId\":\"" + id + "\",\"tag\":\"" + tag + "\"}");
    }

    private List<String> emitted() {
        List<String> out = new ArrayList<>();
        for (DeliveryRecord r : harness.extractOutputValues()) {
            out.add(new String(r.data, StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void dropsRepeatsWithinTheWindowAndKeepsTheFirst() throws Exception {
        sendId("a", "1");
        sendId("b", "1");
        sendId("a", "2");
        harness.setProcessingTime(WINDOW - 1);
        sendId("b", "2");
        sendId("c", "1");

        assertThat(emitted())
                .containsExactly(
                        "{\"eventId\":\"a\",\"tag\":\"1\"}",
                        "{\"eventId\":\"b\",\"tag\":\"1\"}",
                        "{\"eventId\":\"c\",\"tag\":\"1\"}");
        assertThat(harness.numKeyedStateEntries()).isEqualTo(3);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(3);
    }

    @Test
    void passesAnIdAgainAfterItsWindowAndCleansUp() throws Exception {
        sendId("a", "1");
        harness.setProcessingTime(WINDOW / 2);
        sendId("b", "1");

        harness.setProcessingTime(WINDOW);
        assertThat(harness.numKeyedStateEntries()).as("a forgotten, b kept").isEqualTo(1);
        sendId("a", "2"); // a new sighting
        sendId("b", "2"); // inside b's window

        harness.setProcessingTime(3 * WINDOW);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(emitted())
                .containsExactly(
                        "{\"eventId\":\"a\",\"tag\":\"1\"}",
                        "{\"eventId\":\"b\",\"tag\":\"1\"}",
                        "{\"eventId\":\"a\",\"tag\":\"2\"}");
    }

    @Test
    void passesRecordsWithoutAnIdUnchangedAndKeepsNoStateForThem() throws Exception {
        send("{\"other\":1}");
        send("{\"other\":1}");
        send("{\"eventId\":null}");
        send("{\"eventId\":{\"nested\":1}}");
        send("not json");
        send("not json");

        assertThat(emitted())
                .containsExactly(
                        "{\"other\":1}",
                        "{\"other\":1}",
                        "{\"eventId\":null}",
                        "{\"eventId\":{\"nested\":1}}",
                        "not json",
                        "not json");
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void remembersIdsAcrossASnapshotAndRestore() throws Exception {
        sendId("a", "1");
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        harness.setProcessingTime(1000);
        sendId("a", "replayed");
        sendId("b", "1");

        assertThat(emitted()).containsExactly("{\"eventId\":\"b\",\"tag\":\"1\"}");
        harness.setProcessingTime(WINDOW + 1000);
        assertThat(harness.numKeyedStateEntries()).as("restored timers clean up too").isZero();
    }

    @Test
    void restoresTheStateOfTheDedupeStepItReplaced() throws Exception {
        harness.close();
        harness = newHarness(new DedupeByFieldBeforeCommon(WINDOW));
        harness.open();
        harness.setProcessingTime(0);
        sendId("a", "1");
        sendId("b", "1");
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        harness.setProcessingTime(WINDOW / 2);
        sendId("a", "replayed");
        sendId("c", "1");
        assertThat(emitted()).containsExactly("{\"eventId\":\"c\",\"tag\":\"1\"}");
        assertThat(harness.numKeyedStateEntries()).isEqualTo(3);

        harness.setProcessingTime(2 * WINDOW);
        assertThat(harness.numKeyedStateEntries()).as("the old step's timers clean up").isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }
}
