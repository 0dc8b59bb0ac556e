package dev.riffle.e2e;

import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.common.deadletter.DeadLetterJson;
import dev.riffle.common.event.Event;
import dev.riffle.common.event.EventJson;
import dev.riffle.testing.kinesis.StreamRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/** Reads the records the jobs wrote to kinesis-mock; a record of the wrong kind fails the test. */
final class StreamRecords {
    private StreamRecords() {}

    static Event event(StreamRecord r) {
        try {
            return EventJson.read(r.data());
        } catch (IOException e) {
            throw new UncheckedIOException("Not an event: " + r.text(), e);
        }
    }

    static String eventId(StreamRecord r) {
        return event(r).eventId;
    }

    static DeadLetter deadLetter(StreamRecord r) {
        try {
            return DeadLetterJson.read(r.data());
        } catch (IOException e) {
            throw new UncheckedIOException("Not a dead letter: " + r.text(), e);
        }
    }

    /** Raw bytes as text, to compare records (or a dead letter's raw data) by value. */
    static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
