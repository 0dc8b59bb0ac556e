package dev.riffle.common.config.internal;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.util.TimeUtils;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints option values the way a user writes them in a property map ("30 s", not "PT30S"). */
@Internal
public final class Values {

    private Values() {}

    /** The value as it would be written in a property map. */
    public static String show(Object value) {
        if (value instanceof Duration) {
            return TimeUtils.formatWithHighestUnit((Duration) value);
        }
        if (value instanceof Enum) {
            return ((Enum<?>) value).name();
        }
        if (value instanceof List) {
            return ((List<?>) value).stream().map(Values::show).collect(Collectors.joining(";"));
        }
        if (value instanceof Map) {
            return ((Map<?, ?>) value)
                    .entrySet().stream()
                            .map(e -> show(e.getKey()) + ":" + show(e.getValue()))
                            .collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }

    /** "an integer", "a duration", ...: what kind of value a bound of a range is. */
    public static String noun(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return "an integer";
        }
        if (value instanceof Double || value instanceof Float) {
            return "a number";
        }
        if (value instanceof Duration) {
            return "a duration";
        }
        if (value instanceof MemorySize) {
            return "a memory size";
        }
        return "a value";
    }
}
