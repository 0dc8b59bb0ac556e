package dev.riffle.jobs.anomaly.detector;

import dev.riffle.common.alert.Alert;

import org.apache.flink.annotation.PublicEvolving;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Turns a flagged {@link ScoredPoint} (grade above 0) into the shared {@link Alert}. */
@PublicEvolving
public final class AlertMapping {
    /** The {@code what} of every DataStream detector alert. */
    public static final String WHAT = "rcf";

    private AlertMapping() {}

    /**
     * The alert for a flagged point; its window is {@code [timestamp, timestamp + interval)} (the
     * interval the point summarises; zero for raw readings).
     */
    public static Alert toAlert(ScoredPoint p, Duration interval) {
        Instant start = Instant.ofEpochMilli(p.timestamp);
        Map<String, Double> attribution = new LinkedHashMap<>();
        if (p.attribution != null) {
            for (int i = 0; i < p.attribution.length; i++) {
                int lag = p.attribution.length - 1 - i;
                attribution.put(lag == 0 ? "value" : "value[t-" + lag + "]", p.attribution[i]);
            }
        }
        String expected =
                Double.isNaN(p.expected)
                        ? "no estimate"
                        : String.format(Locale.ROOT, "expected about %.4g", p.expected);
        return Alert.builder()
                .what(WHAT)
                .key(p.key)
                .window(start, start.plus(interval))
                .observed(p.value)
                .expected(p.expected)
                .score(p.score)
                .grade(p.grade)
                .explanation(
                        String.format(
                                Locale.ROOT,
                                "%s was %.4g, %s (forest score %.2f, anomaly score %.2f)",
                                p.key,
                                p.value,
                                expected,
                                p.score,
                                p.anomalyScore))
                .attribution(attribution)
                .build();
    }
}
