package dev.riffle.common.dedupe;

import dev.riffle.common.event.Event;
import dev.riffle.common.event.EventType;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dedupe step in isolation: what it emits, and that its state goes away when the window is over
 * (state TTL, no timers), and that it survives a snapshot and restore.
 */
class EventDedupeTest {
    private static final Duration WINDOW = Duration.ofMinutes(10);

    private KeyedOneInputStreamOperatorTestHarness<String, Event, Event> harness;

    private static KeyedOneInputStreamOperatorTestHarness<String, Event, Event> newHarness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new EventDedupe(WINDOW)),
                Event::partitionKey,
                Types.STRING);
    }

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
        advanceTo(0);
    }

    private void advanceTo(long millis) throws Exception {
        harness.setProcessingTime(millis);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static Event event(String user, String id) {
        Event e = new Event();
        e.eventId = id;
        e.type = EventType.CLICK;
        e.userId = user;
        e.occurredAt = Instant.EPOCH;
        e.action = "page_view";
        return e;
    }

    private void send(String user, String id) throws Exception {
        harness.processElement(new StreamRecord<>(event(user, id)));
    }

    private List<String> emittedIds() {
        List<String> ids = new ArrayList<>();
        for (Event e : harness.extractOutputValues()) {
            ids.add(e.eventId);
        }
        return ids;
    }

    @Test
    void emitsTheFirstSightingAndDropsRepeatsInOrder() throws Exception {
        send("u1", "a");
        send("u1", "b");
        send("u1", "a");
        send("u2", "c");
        send("u1", "b");
        send("u2", "c");
        send("u1", "d");

        assertThat(emittedIds()).containsExactly("a", "b", "c", "d");
        // Per user: the map of ids and the time of its sweep; one sweep timer.
        assertThat(harness.numKeyedStateEntries()).isEqualTo(4);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void forgetsAnIdOnceTheWindowIsOver() throws Exception {
        send("u1", "a");
        advanceTo(WINDOW.toMillis() / 2);
        send("u1", "b"); // keeps the key busy, so its cleanup timer does not clear it
        advanceTo(WINDOW.toMillis() - 1);
        send("u1", "a"); // still inside a's window: dropped
        advanceTo(WINDOW.toMillis() + 1);
        send("u1", "a"); // a's window over (b's not): a new sighting
        send("u1", "b");

        assertThat(emittedIds()).containsExactly("a", "b", "a");
    }

    @Test
    void dropsAllStateAndTimersOfKeysThatWentQuiet() throws Exception {
        send("u1", "a");
        advanceTo(1000);
        send("u2", "b");
        send("u1", "c");
        assertThat(harness.numKeyedStateEntries()).isEqualTo(4);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(2);

        // u1's sweep removes a, keeps c (seen at 1000): u1 waits for another sweep a quarter
        // window later; u2's sweep is due at 1000 + window.
        advanceTo(WINDOW.toMillis());
        assertThat(harness.numKeyedStateEntries()).isEqualTo(4);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(2);
        send("u1", "a"); // a is gone: seen as new
        send("u1", "c"); // c is kept: a duplicate

        advanceTo(WINDOW.toMillis() * 5 / 4);
        assertThat(harness.numKeyedStateEntries()).as("u1 still has a").isEqualTo(2);
        advanceTo(WINDOW.toMillis() * 5 / 2);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(emittedIds()).containsExactly("a", "b", "c", "a");
    }

    @Test
    void sweepsABusyKeyAtMostEveryQuarterWindow() throws Exception {
        for (long t = 0; t <= 2 * WINDOW.toMillis(); t += 5000) {
            advanceTo(t);
            send("u1", "id-" + t);
            assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
        }
        // Every id once; a sweep ran after the first window and ids stay unique.
        assertThat(emittedIds())
                .hasSize((int) (2 * WINDOW.toMillis() / 5000) + 1)
                .doesNotHaveDuplicates();
        send("u1", "id-" + 2 * WINDOW.toMillis());
        assertThat(emittedIds()).hasSize((int) (2 * WINDOW.toMillis() / 5000) + 1);
    }

    @Test
    void remembersIdsAcrossASnapshotAndRestore() throws Exception {
        send("u1", "a");
        send("u2", "b");
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        advanceTo(1000);
        send("u1", "a");
        send("u2", "b");
        send("u2", "e");

        assertThat(emittedIds()).containsExactly("e");
        assertThat(harness.numKeyedStateEntries()).isEqualTo(4);
        assertThat(harness.numProcessingTimeTimers()).as("timers are restored too").isEqualTo(2);
    }
}
