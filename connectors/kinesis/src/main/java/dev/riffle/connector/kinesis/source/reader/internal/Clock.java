package dev.riffle.connector.kinesis.source.reader.internal;

import org.apache.flink.annotation.Internal;

/** Time for the fetchers, so that tests can step it instead of waiting. */
@Internal
public interface Clock {
    long nanoTime();

    /**
     * Waits up to {@code nanos} on {@code monitor} (held by the caller), returning early when it is
     * notified.
     */
    void await(Object monitor, long nanos) throws InterruptedException;

    Clock SYSTEM =
            new Clock() {
                @Override
                public long nanoTime() {
                    return System.nanoTime();
                }

                @Override
                public void await(Object monitor, long nanos) throws InterruptedException {
                    long millis = nanos / 1_000_000;
                    int rest = (int) (nanos % 1_000_000);
                    if (millis > 0 || rest > 0) {
                        monitor.wait(millis, rest);
                    }
                }
            };
}
