package dev.riffle.testdata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;

/**
 * One injected anomaly, as written to the labels file (one JSON object per line):
 *
 * <pre>{@code
 * {"kind":"merchant_volume_spike","key":"m-0002","start":"2026-03-01T10:12:00Z","end":"2026-03-01T10:17:00Z","factor":6.0}
 * }</pre>
 *
 * {@code kind} is one of {@code merchant_volume_spike} (key: merchantId; the merchant's
 * transactions at {@code factor} times their normal rate), {@code checkout_error_burst} (key:
 * merchantId; share of checkouts that fail rises to {@code errorRate}), {@code
 * telemetry_level_shift} (key: {@code deviceId/metric}; readings shifted by {@code shift}), {@code
 * telemetry_limit_breach} (key: {@code deviceId/metric}; readings at about {@code level}, above the
 * metric's operating {@code limit}, the one sql/anomaly/telemetry-breach.sql alerts on).
 */
public final class AnomalyLabel {
    public static final String MERCHANT_VOLUME_SPIKE = "merchant_volume_spike";
    public static final String CHECKOUT_ERROR_BURST = "checkout_error_burst";
    public static final String TELEMETRY_LEVEL_SHIFT = "telemetry_level_shift";
    public static final String TELEMETRY_LIMIT_BREACH = "telemetry_limit_breach";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String kind;
    private final String key;
    private final Instant start;
    private final Instant end;
    private final Map<String, Double> details;

    AnomalyLabel(String kind, String key, Instant start, Instant end, Map<String, Double> details) {
        this.kind = kind;
        this.key = key;
        this.start = start;
        this.end = end;
        this.details = Map.copyOf(details);
    }

    public String kind() {
        return kind;
    }

    public String key() {
        return key;
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
    }

    /** Kind-specific figures: factor, errorRate, shift, limit and level. */
    public Map<String, Double> details() {
        return details;
    }

    boolean activeAt(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** The JSON line for the labels file. */
    public String toJson() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("kind", kind);
        o.put("key", key);
        o.put("start", start.toString());
        o.put("end", end.toString());
        details.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> o.put(e.getKey(), e.getValue()));
        return o.toString();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
