package dev.riffle.jobs.parquet.convert;

import org.apache.flink.annotation.PublicEvolving;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A path to a value inside a JSON record, in the subset of jq that Firehose's partitioning queries
 * mostly use: {@code .customer_id}, {@code .type.device}, {@code .["odd key"].x}. No filters, pipes
 * or functions.
 */
@PublicEvolving
public final class JsonPath implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String text;
    private final String[] segments;

    private JsonPath(String text, String[] segments) {
        this.text = text;
        this.segments = segments;
    }

    /**
     * Parses a path.
     *
     * @throws IllegalArgumentException naming the problem and what is accepted
     */
    public static JsonPath parse(String text) {
        String t = text == null ? "" : text.trim();
        List<String> segments = new ArrayList<>();
        int i = 0;
        if (t.isEmpty() || t.charAt(0) != '.') {
            throw invalid(text, "it must start with '.'");
        }
        while (i < t.length()) {
            if (t.charAt(i) != '.') {
                throw invalid(text, "expected '.' at position " + i);
            }
            i++;
            if (i < t.length() && t.charAt(i) == '[') {
                int close = t.indexOf("\"]", i + 2);
                if (i + 1 >= t.length() || t.charAt(i + 1) != '"' || close < 0) {
                    throw invalid(text, "a bracketed key must look like .[\"key\"]");
                }
                segments.add(t.substring(i + 2, close));
                i = close + 2;
            } else {
                int start = i;
                while (i < t.length() && t.charAt(i) != '.') {
                    char c = t.charAt(i);
                    if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '$')) {
                        throw invalid(
                                text,
                                "'" + c + "' is not allowed in a key; quote it as .[\"key\"]");
                    }
                    i++;
                }
                if (i == start) {
                    throw invalid(text, "empty key at position " + start);
                }
                segments.add(t.substring(start, i));
            }
        }
        return new JsonPath(t, segments.toArray(new String[0]));
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException(
                String.format(
                        "'%s' is not a supported path: %s. Accepted: .key, .key.nested,"
                                + " .[\"any key\"] (a subset of jq)",
                        text, why));
    }

    /** The value at this path, or null when a step is missing or not an object. */
    public JsonNode find(JsonNode root, boolean caseInsensitive) {
        JsonNode node = root;
        for (String segment : segments) {
            if (node == null || !node.isObject()) {
                return null;
            }
            JsonNode next = node.get(segment);
            if (next == null && caseInsensitive) {
                next = findIgnoringCase(node, segment);
            }
            node = next;
        }
        return node;
    }

    private static JsonNode findIgnoringCase(JsonNode object, String key) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
