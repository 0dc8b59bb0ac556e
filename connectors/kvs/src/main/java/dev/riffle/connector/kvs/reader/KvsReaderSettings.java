package dev.riffle.connector.kvs.reader;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.time.Duration;

/** What a split reader needs from the source configuration. */
@Internal
public final class KvsReaderSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final boolean withFrames;
    private final Duration minCallInterval;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration idleReconnectDelay;

    public KvsReaderSettings(
            boolean withFrames,
            double maxCallsPerSecond,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration idleReconnectDelay) {
        this.withFrames = withFrames;
        // 10% below the limit: KVS counts calls when they arrive, not when they are sent.
        this.minCallInterval = Duration.ofNanos((long) Math.ceil(1.1e9 / maxCallsPerSecond));
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.idleReconnectDelay = idleReconnectDelay;
    }

    public boolean withFrames() {
        return withFrames;
    }

    /** The least time between two GetMedia calls on one stream (1.1 / calls per second). */
    public Duration minCallInterval() {
        return minCallInterval;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Wait before reconnecting after a GetMedia response that ended with no fragment. */
    public Duration idleReconnectDelay() {
        return idleReconnectDelay;
    }
}
