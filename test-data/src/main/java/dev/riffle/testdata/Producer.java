package dev.riffle.testdata;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Runs a generator into a writer, paced in wall-clock time: with time scale 1 a record with
 * simulated time {@code start + t} is written at {@code t} after the run began (so "rate" is a real
 * rate); with scale 10 ten times faster; with scale 0 as fast as the writer goes.
 */
public final class Producer {
    private final Map<RecordKind, Long> counts = new EnumMap<>(RecordKind.class);

    /** Counts of what was written, by kind. */
    public Map<RecordKind, Long> counts() {
        return counts;
    }

    public void run(
            TrafficGenerator generator, RecordWriter writer, Instant simStart, double timeScale)
            throws IOException, InterruptedException {
        long wallStart = System.nanoTime();
        while (generator.hasNext()) {
            GeneratedRecord r = generator.next();
            if (timeScale > 0) {
                long simMillis = Duration.between(simStart, r.eventTime()).toMillis();
                long dueNanos = wallStart + (long) (simMillis * 1_000_000L / timeScale);
                long wait = dueNanos - System.nanoTime();
                if (wait > 20_000_000L) {
                    // Ahead of schedule: send what we have, then wait for the record's time.
                    writer.flush();
                    wait = dueNanos - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                    }
                }
            }
            writer.write(r);
            counts.merge(r.kind(), 1L, Long::sum);
        }
        writer.flush();
    }
}
