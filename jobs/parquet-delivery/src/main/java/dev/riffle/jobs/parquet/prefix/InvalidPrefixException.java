package dev.riffle.jobs.parquet.prefix;

import org.apache.flink.annotation.PublicEvolving;

import java.util.List;

/**
 * A prefix that breaks the prefix language's rules; lists every problem found, not just the first.
 */
@PublicEvolving
public class InvalidPrefixException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidPrefixException(String what, String prefix, List<String> problems) {
        super(String.format("Invalid %s '%s': %s", what, prefix, String.join("; ", problems)));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
