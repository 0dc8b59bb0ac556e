package dev.riffle.jobs.parquet.prefix;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The data prefix and the error prefix of a delivery, resolved from configuration with Firehose's
 * defaults:
 *
 * <ul>
 *   <li>a data prefix with no timestamp and no partition key expression gets {@code
 *       !{timestamp:yyyy/MM/dd/HH/}} appended (after a '/' if it does not end with one), so an
 *       empty prefix means {@code yyyy/MM/dd/HH/};
 *   <li>the error prefix may be left out only when the data prefix has no expressions; it then is
 *       {@code <prefix>!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd/HH/}}.
 * </ul>
 */
@PublicEvolving
public final class Prefixes implements Serializable {
    private static final long serialVersionUID = 1L;

    private final PrefixTemplate data;
    private final PrefixTemplate error;

    private Prefixes(PrefixTemplate data, PrefixTemplate error) {
        this.data = data;
        this.error = error;
    }

    /**
     * Resolves and checks both prefixes.
     *
     * @param prefix the configured data prefix ("" for none)
     * @param errorPrefix the configured error prefix, or null
     * @throws InvalidPrefixException with every problem of both prefixes
     */
    public static Prefixes resolve(String prefix, String errorPrefix, Set<String> partitionKeys) {
        List<String> problems = new ArrayList<>();
        String dataText = prefix == null ? "" : prefix;
        boolean userHasExpressions = dataText.contains("!{");
        if (!dataText.contains("!{timestamp:") && !dataText.contains("!{partitionKeyFromQuery:")) {
            dataText = withSlash(dataText) + PrefixTemplate.DEFAULT_TIME_PREFIX;
        }
        PrefixTemplate data = null;
        try {
            data = PrefixTemplate.parse(dataText, PrefixKind.DATA, partitionKeys);
        } catch (InvalidPrefixException e) {
            problems.addAll(prefixed("prefix '" + dataText + "'", e.problems()));
        }
        String errorText = errorPrefix;
        if (errorText == null || errorText.isEmpty()) {
            if (userHasExpressions) {
                problems.add(
                        "an error prefix is required when the prefix contains expressions (as in"
                            + " Firehose): set error-prefix, e.g."
                            + " 'errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd/HH/}'");
            }
            errorText =
                    withSlash(prefix == null ? "" : prefix)
                            + "!{firehose:error-output-type}/"
                            + PrefixTemplate.DEFAULT_TIME_PREFIX;
        }
        PrefixTemplate error = null;
        try {
            error = PrefixTemplate.parse(errorText, PrefixKind.ERROR, Set.of());
        } catch (InvalidPrefixException e) {
            problems.addAll(prefixed("error prefix '" + errorText + "'", e.problems()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidPrefixException("prefix configuration", prefix, problems);
        }
        return new Prefixes(data, error);
    }

    private static List<String> prefixed(String what, List<String> problems) {
        List<String> out = new ArrayList<>();
        problems.forEach(p -> out.add(what + ": " + p));
        return out;
    }

    private static String withSlash(String text) {
        return text.isEmpty() || text.endsWith("/") ? text : text + "/";
    }

    public PrefixTemplate data() {
        return data;
    }

    public PrefixTemplate error() {
        return error;
    }

    @Override
    public String toString() {
        return "Prefixes{data=" + data + ", error=" + error + '}';
    }
}
