package dev.riffle.common.config.internal;

import org.apache.flink.annotation.Internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Property groups as read, before any checking against a schema: group id to key to value, in the
 * order of the source, plus the problems found while reading (a value that is not a JSON string, a
 * group id given twice). Reading goes on past such problems so that they are reported together with
 * the schema's.
 */
@Internal
public final class RawConfig {

    private final Map<String, Map<String, String>> groups;
    private final List<String> problems;

    public RawConfig(Map<String, Map<String, String>> groups, List<String> problems) {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        groups.forEach(
                (id, map) -> copy.put(id, Collections.unmodifiableMap(new LinkedHashMap<>(map))));
        this.groups = Collections.unmodifiableMap(copy);
        this.problems = List.copyOf(problems);
    }

    public Map<String, Map<String, String>> groups() {
        return groups;
    }

    public List<String> problems() {
        return problems;
    }
}
