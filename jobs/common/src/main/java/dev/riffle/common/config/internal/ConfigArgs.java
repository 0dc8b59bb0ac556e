package dev.riffle.common.config.internal;

import dev.riffle.common.config.InvalidConfigurationException;

import org.apache.flink.annotation.Internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds {@code --config <location>} (or {@code --config=<location>}) among a job's arguments and
 * leaves every other argument alone: jobs may take arguments of their own.
 */
@Internal
public final class ConfigArgs {

    public static final String FLAG = "--config";

    private static final String HOW =
            "a file path (--config /path/to/file.json) or a classpath resource (--config"
                    + " classpath:name.json)";

    private ConfigArgs() {}

    /** The location given with {@code --config}, if any. */
    public static Optional<String> location(String[] args) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals(FLAG)) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new InvalidConfigurationException(FLAG + " needs a value: " + HOW);
                }
                found.add(args[++i]);
            } else if (arg.startsWith(FLAG + "=")) {
                found.add(arg.substring(FLAG.length() + 1));
            }
        }
        if (found.size() > 1) {
            throw new InvalidConfigurationException(
                    String.format(
                            "%s was given %d times (%s); pass it once",
                            FLAG, found.size(), String.join(", ", found)));
        }
        if (found.size() == 1 && found.get(0).isBlank()) {
            throw new InvalidConfigurationException(FLAG + " needs a value: " + HOW);
        }
        return found.stream().findFirst();
    }
}
