package dev.riffle.connector.kinesis.source.reader.internal;

import org.apache.flink.annotation.Internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt n waits between half and all of {@code min(max, base *
 * 2^n)}, so retries of many shards spread out instead of hitting Kinesis together.
 */
@Internal
public final class Backoff {
    private final long baseNanos;
    private final long maxNanos;

    public Backoff(Duration base, Duration max) {
        this.baseNanos = base.toNanos();
        this.maxNanos = max.toNanos();
    }

    public long delayNanos(int attempt) {
        long ceiling = baseNanos << Math.min(attempt, 20);
        if (ceiling <= 0 || ceiling > maxNanos) {
            ceiling = maxNanos;
        }
        long half = ceiling / 2;
        return half + ThreadLocalRandom.current().nextLong(half + 1);
    }
}
