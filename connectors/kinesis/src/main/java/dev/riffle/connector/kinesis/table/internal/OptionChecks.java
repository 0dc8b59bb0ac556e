package dev.riffle.connector.kinesis.table.internal;

import dev.riffle.connector.kinesis.aws.AwsConfigOptions;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.factories.FactoryUtil;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How a {@code 'kinesis'} table's options are checked. Flink's factory helper rejects every key
 * that no option declares and lists the supported ones; unlike the official connector, no {@code
 * aws.*} or {@code source.*} key is exempt. The only keys it skips are the nested credentials keys
 * of a role's base provider ({@code aws.credentials.provider.role.provider.*}), whose names depend
 * on the provider: the connector's AWS settings check those themselves.
 */
@Internal
public final class OptionChecks {

    /** Under this prefix keys nest (a role's base credentials) and are checked by AwsSettings. */
    public static final String NESTED_CREDENTIALS_PREFIX =
            AwsConfigOptions.AWS_ROLE_CREDENTIALS_PROVIDER.key() + ".";

    private static final List<String> CONNECTOR_PREFIXES =
            List.of("aws.", "stream.", "source.", "sink.");

    private OptionChecks() {}

    /**
     * The options a DataStream source or sink reads, from a table's options: those {@code read}
     * declares, and the nested credentials keys. Everything else (the format's options, the other
     * side's options, unknown keys) is left to the factory helper's check.
     */
    public static Map<String, String> connectorConfig(
            Map<String, String> tableOptions, Collection<ConfigOption<?>> read) {
        Set<String> known = keys(read);
        Map<String, String> config = new LinkedHashMap<>();
        tableOptions.forEach(
                (key, value) -> {
                    if (known.contains(key) || key.startsWith(NESTED_CREDENTIALS_PREFIX)) {
                        config.put(key, value);
                    }
                });
        return config;
    }

    /**
     * Rejects unknown keys through Flink's helper (which names them and lists every supported key),
     * adding the closest supported key for each misspelled connector key.
     */
    public static void validate(
            FactoryUtil.TableFactoryHelper helper,
            Map<String, String> tableOptions,
            Collection<ConfigOption<?>> declared) {
        try {
            helper.validateExcept(NESTED_CREDENTIALS_PREFIX);
        } catch (ValidationException e) {
            String hints = suggestions(tableOptions.keySet(), keys(declared));
            if (hints.isEmpty()) {
                throw e;
            }
            throw new ValidationException(e.getMessage() + "\n\n" + hints, e.getCause());
        }
    }

    /** "Did you mean" lines for connector keys that no option declares. */
    static String suggestions(Collection<String> given, Set<String> known) {
        List<String> lines = new ArrayList<>();
        for (String key : new TreeSet<>(given)) {
            if (known.contains(key)
                    || key.startsWith(NESTED_CREDENTIALS_PREFIX)
                    || CONNECTOR_PREFIXES.stream().noneMatch(key::startsWith)) {
                continue;
            }
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (String candidate : known) {
                int d = distance(key, candidate);
                if (d < bestDistance) {
                    best = candidate;
                    bestDistance = d;
                }
            }
            if (best != null && bestDistance <= Math.max(2, key.length() / 4)) {
                lines.add("Did you mean '" + best + "' instead of '" + key + "'?");
            }
        }
        return String.join("\n", lines);
    }

    static Set<String> keys(Collection<ConfigOption<?>> options) {
        return options.stream().map(ConfigOption::key).collect(Collectors.toSet());
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
