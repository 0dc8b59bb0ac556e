package dev.riffle.common.dedupe;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The operator in isolation, over records {@code "<id>:<tag>"} keyed by their id (an empty id is
 * untracked): what passes, what is dropped, and that no state or timer outlives a window.
 */
class FirstSightingTest {
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final long W = WINDOW.toMillis();
    private static final KeySelector<String, String> ID = r -> r.substring(0, r.indexOf(':'));

    private KeyedOneInputStreamOperatorTestHarness<String, String, String> harness;

    private static KeyedOneInputStreamOperatorTestHarness<String, String, String> newHarness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new FirstSighting<String>(WINDOW, id -> !id.isEmpty())),
                ID,
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

    private void send(String... records) throws Exception {
        for (String r : records) {
            harness.processElement(new StreamRecord<>(r));
        }
    }

    @Test
    void dropsRepeatsWithinTheWindow() throws Exception {
        send("a:1", "b:1", "a:2");
        harness.setProcessingTime(W - 1);
        send("b:2", "a:3", "c:1");

        assertThat(harness.extractOutputValues()).containsExactly("a:1", "b:1", "c:1");
        assertThat(harness.numKeyedStateEntries()).isEqualTo(3);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(3);
    }

    @Test
    void letsAKeyThroughAgainAfterItsWindowAndLeavesNoStateOrTimers() throws Exception {
        send("a:1");
        harness.setProcessingTime(W / 2);
        send("b:1");

        harness.setProcessingTime(W);
        assertThat(harness.numKeyedStateEntries()).as("a forgotten, b kept").isEqualTo(1);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
        send("a:2"); // a new sighting: a's window is over
        send("b:2"); // still inside b's window

        harness.setProcessingTime(3 * W);
        assertThat(harness.extractOutputValues()).containsExactly("a:1", "b:1", "a:2");
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void passesUntrackedKeysUnchangedAndKeepsNoStateForThem() throws Exception {
        send(":x", ":x", "a:1", ":y");

        assertThat(harness.extractOutputValues()).containsExactly(":x", ":x", "a:1", ":y");
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
    }

    @Test
    void remembersKeysAcrossASnapshotAndRestoreAndStillCleansUp() throws Exception {
        send("a:1");
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        harness.setProcessingTime(1000);
        send("a:replayed", "b:1");

        assertThat(harness.extractOutputValues()).containsExactly("b:1");
        harness.setProcessingTime(W + 1000);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void rejectsAWindowShorterThanAMillisecond() {
        assertThatThrownBy(() -> new FirstSighting<String>(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The dedupe window must be at least 1 ms, got PT0S");
    }
}
