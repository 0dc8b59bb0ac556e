package dev.riffle.connector.kinesis.source.testutil;

import dev.riffle.connector.kinesis.source.reader.internal.Clock;

import java.time.Duration;

/** A clock that waiting advances instantly: tests see the waits without spending them. */
public final class ManualClock implements Clock {
    private long now = 1_000_000_000L;
    private long waited;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void await(Object monitor, long nanos) {
        now += nanos;
        waited += nanos;
    }

    public synchronized void advance(Duration d) {
        now += d.toNanos();
    }

    /** Total time the code under test chose to wait. */
    public synchronized Duration waited() {
        return Duration.ofNanos(waited);
    }
}
