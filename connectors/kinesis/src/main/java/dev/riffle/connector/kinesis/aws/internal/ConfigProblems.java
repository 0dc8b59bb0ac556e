package dev.riffle.connector.kinesis.aws.internal;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Collects every problem in a connector configuration so that a user sees all of them at once, each
 * in the form {@code Invalid value V for configuration K: reason. Accepted: ...}.
 *
 * <p>Values of secret keys ({@link Secrets#isSecretKey(String)}) are never echoed: they appear as
 * {@code ******}.
 */
@Internal
public final class ConfigProblems {

    private final Map<String, String> raw;
    private final Configuration config;
    private final List<String> problems = new ArrayList<>();

    public ConfigProblems(Map<String, String> raw) {
        this.raw = raw;
        this.config = Configuration.fromMap(raw);
    }

    /** The raw value of a key as the user wrote it, if present. */
    public Optional<String> raw(String key) {
        return Optional.ofNullable(raw.get(key));
    }

    public boolean isSet(ConfigOption<?> option) {
        return raw.containsKey(option.key());
    }

    /**
     * Reads a typed option, recording a problem (and returning the default) when the value does not
     * parse.
     */
    public <T> T get(ConfigOption<T> option, String accepted) {
        try {
            return config.get(option);
        } catch (IllegalArgumentException e) {
            invalid(option.key(), "it cannot be read as " + typeName(option), accepted);
            return option.hasDefaultValue() ? option.defaultValue() : null;
        }
    }

    /** Reads an enum option; the accepted values are listed from the enum. */
    public <E extends Enum<E>> E getEnum(ConfigOption<E> option, Class<E> type) {
        String value = raw.get(option.key());
        if (value == null) {
            return option.hasDefaultValue() ? option.defaultValue() : null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        invalid(option.key(), "it is not a known value", enumValues(type));
        return option.hasDefaultValue() ? option.defaultValue() : null;
    }

    /** Records {@code Invalid value V for configuration K: reason. Accepted: accepted}. */
    public void invalid(String key, String reason, String accepted) {
        problems.add(
                String.format(
                        "Invalid value %s for configuration %s: %s. Accepted: %s",
                        Secrets.displayValue(key, raw.get(key)), key, reason, accepted));
    }

    /** Records a problem that is not about one value, e.g. a missing key. */
    public void problem(String message) {
        problems.add(message);
    }

    /** Records a key that must be set but is not. */
    public void missing(String key, String why) {
        problems.add(String.format("Missing configuration %s: %s", key, why));
    }

    /**
     * Rejects every key under {@code prefix} that is not in {@code known}, listing the known keys
     * so that a typo is easy to spot.
     */
    public void rejectUnknown(String prefix, Set<String> known) {
        for (String key : new TreeSet<>(raw.keySet())) {
            if (key.startsWith(prefix) && !known.contains(key)) {
                invalid(
                        key,
                        "unknown configuration key (is it misspelled?)",
                        "the keys " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Throws one exception listing every recorded problem, if there is any. */
    public void throwIfAny(String what) {
        if (problems.isEmpty()) {
            return;
        }
        if (problems.size() == 1) {
            throw new IllegalConfigurationException(what + ": " + problems.get(0));
        }
        throw new IllegalConfigurationException(
                what + ": " + problems.size() + " problems:\n - " + String.join("\n - ", problems));
    }

    public static <E extends Enum<E>> String enumValues(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(Enum::name)
                .collect(Collectors.joining(", "));
    }

    private static String typeName(ConfigOption<?> option) {
        // ConfigOption does not expose its class publicly; describe it from the default value.
        Object d = option.hasDefaultValue() ? option.defaultValue() : null;
        if (d == null) {
            return "the expected type";
        }
        String simple = d.getClass().getSimpleName();
        switch (simple) {
            case "Duration":
                return "a duration";
            case "Integer":
            case "Long":
                return "an integer";
            case "Boolean":
                return "a boolean";
            case "MemorySize":
                return "a memory size";
            default:
                return "a " + simple;
        }
    }
}
