package dev.riffle.connector.kvs;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.Preconditions;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.util.Objects;

/**
 * A GetMedia start position: a {@link StartSelectorType} and, for the types that need one, its
 * value (a fragment number, an epoch-millisecond timestamp or a continuation token).
 */
@PublicEvolving
public final class StartSelector implements Serializable {
    private static final long serialVersionUID = 1L;

    private final StartSelectorType type;
    @Nullable private final String value;

    private StartSelector(StartSelectorType type, @Nullable String value) {
        this.type = type;
        this.value = value;
    }

    public static StartSelector now() {
        return new StartSelector(StartSelectorType.NOW, null);
    }

    public static StartSelector earliest() {
        return new StartSelector(StartSelectorType.EARLIEST, null);
    }

    public static StartSelector fragmentNumber(String fragmentNumber) {
        Preconditions.checkArgument(
                fragmentNumber != null && fragmentNumber.matches("[0-9]+"),
                "A fragment number is a decimal number, not %s",
                fragmentNumber);
        return new StartSelector(StartSelectorType.FRAGMENT_NUMBER, fragmentNumber);
    }

    public static StartSelector serverTimestamp(long epochMillis) {
        return new StartSelector(StartSelectorType.SERVER_TIMESTAMP, Long.toString(epochMillis));
    }

    public static StartSelector producerTimestamp(long epochMillis) {
        return new StartSelector(StartSelectorType.PRODUCER_TIMESTAMP, Long.toString(epochMillis));
    }

    public static StartSelector continuationToken(String token) {
        Preconditions.checkArgument(
                token != null && !token.isBlank(), "A continuation token must not be empty");
        return new StartSelector(StartSelectorType.CONTINUATION_TOKEN, token);
    }

    /** Rebuilds a selector from its type and value, as {@link #type()} and {@link #value()}. */
    public static StartSelector of(StartSelectorType type, @Nullable String value) {
        switch (type) {
            case NOW:
                return now();
            case EARLIEST:
                return earliest();
            case FRAGMENT_NUMBER:
                return fragmentNumber(value);
            case SERVER_TIMESTAMP:
                return serverTimestamp(Long.parseLong(value));
            case PRODUCER_TIMESTAMP:
                return producerTimestamp(Long.parseLong(value));
            case CONTINUATION_TOKEN:
            default:
                return continuationToken(value);
        }
    }

    public StartSelectorType type() {
        return type;
    }

    @Nullable
    public String value() {
        return value;
    }

    /** The timestamp of a timestamp selector, epoch millis. */
    public long timestampMillis() {
        Preconditions.checkState(
                type == StartSelectorType.SERVER_TIMESTAMP
                        || type == StartSelectorType.PRODUCER_TIMESTAMP,
                "%s has no timestamp",
                type);
        return Long.parseLong(value);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StartSelector)) {
            return false;
        }
        StartSelector s = (StartSelector) o;
        return type == s.type && Objects.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, value);
    }

    @Override
    public String toString() {
        return value == null ? type.name() : type + " " + value;
    }
}
