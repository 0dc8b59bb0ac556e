package dev.riffle.common.alert;

import org.apache.flink.annotation.PublicEvolving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON form of an {@link Alert}: one object per record, fields in a fixed order.
 *
 * <pre>{@code
 * {"alertId":"9f2c...","what":"merchant-spike","key":"m-17",
 *  "window":{"start":"2025-03-01T10:04:00Z","end":"2025-03-01T10:05:00Z"},
 *  "observed":42.0,"expected":9.5,"score":4.42,"grade":null,
 *  "explanation":"42 transactions in one minute, 4.4x the trailing 10-minute average of 9.5",
 *  "attribution":{}}
 * }</pre>
 *
 * <p>Times are ISO-8601 instants in UTC. Readers accept fractional seconds and ignore unknown
 * fields, so the format can grow.
 */
@PublicEvolving
public final class AlertJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {}

    public static String toJson(Alert a) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("alertId", a.alertId());
        n.put("what", a.what());
        n.put("key", a.key());
        ObjectNode w = n.putObject("window");
        w.put("start", a.windowStart().toString());
        w.put("end", a.windowEnd().toString());
        putNumber(n, "observed", a.observed());
        putNumber(n, "expected", a.expected());
        putNumber(n, "score", a.score());
        putNumber(n, "grade", a.grade());
        n.put("explanation", a.explanation());
        ObjectNode attr = n.putObject("attribution");
        a.attribution().forEach((k, v) -> putNumber(attr, k, v));
        return n.toString();
    }

    public static byte[] toBytes(Alert a) {
        return toJson(a).getBytes(StandardCharsets.UTF_8);
    }

    public static Alert fromJson(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            JsonNode w = required(n, "window");
            Alert.Builder b =
                    Alert.builder()
                            .alertId(text(n, "alertId"))
                            .what(text(n, "what"))
                            .key(text(n, "key"))
                            .window(Instant.parse(text(w, "start")), Instant.parse(text(w, "end")))
                            .observed(number(n, "observed"))
                            .expected(nullableNumber(n, "expected"))
                            .score(number(n, "score"))
                            .grade(nullableNumber(n, "grade"))
                            .explanation(text(n, "explanation"));
            JsonNode attr = n.get("attribution");
            if (attr != null && attr.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = attr.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    b.attribution(e.getKey(), e.getValue().asDouble());
                }
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException("Not an alert (invalid JSON): " + e.getMessage(), e);
        }
    }

    private static void putNumber(ObjectNode n, String field, Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("Not an alert: field '" + field + "' is missing");
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static double number(JsonNode n, String field) {
        Double v = nullableNumber(n, field);
        return v == null ? Double.NaN : v;
    }

    private static Double nullableNumber(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }
}
