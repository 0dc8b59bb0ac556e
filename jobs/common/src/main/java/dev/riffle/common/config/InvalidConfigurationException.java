package dev.riffle.common.config;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.IllegalConfigurationException;

import java.util.List;

/**
 * A job's configuration could not be found, read or accepted. {@link #problems()} lists every
 * problem; the message lists them too, one per line, under a line naming where the configuration
 * came from. Secret values never appear in either.
 */
@PublicEvolving
public class InvalidConfigurationException extends IllegalConfigurationException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** One problem that stopped loading (no configuration, unreadable file, malformed JSON). */
    public InvalidConfigurationException(String problem) {
        super(problem);
        this.problems = List.of(problem);
    }

    /** One problem with its cause; the cause must not carry secret values. */
    public InvalidConfigurationException(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
    }

    /** The problems found in the configuration from {@code source}, all at once. */
    public InvalidConfigurationException(ConfigSource source, List<String> problems) {
        super(message(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, each a complete sentence a user can act on. */
    public List<String> problems() {
        return problems;
    }

    private static String message(ConfigSource source, List<String> problems) {
        StringBuilder message =
                new StringBuilder(
                        String.format(
                                "Configuration from %s has %d problem%s:",
                                source, problems.size(), problems.size() == 1 ? "" : "s"));
        problems.forEach(p -> message.append(System.lineSeparator()).append("- ").append(p));
        return message.toString();
    }
}
