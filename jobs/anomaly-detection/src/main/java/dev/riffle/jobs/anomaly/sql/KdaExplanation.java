package dev.riffle.jobs.anomaly.sql;

import org.apache.flink.annotation.Internal;

import com.amazon.randomcutforest.returntypes.DiVector;

import java.util.Locale;

/**
 * KDA's {@code ANOMALY_EXPLANATION}: a JSON object with one entry per input column, e.g.
 *
 * <pre>{@code
 * {"bytes":{"DIRECTION":"HIGH","STRENGTH":"2.1033","ATTRIBUTION_SCORE":"2.4211"},
 *  "latency":{"DIRECTION":"LOW","STRENGTH":"0.0412","ATTRIBUTION_SCORE":"0.3107"}}
 * }</pre>
 *
 * <ul>
 *   <li>{@code ATTRIBUTION_SCORE}: the column's share of {@code ANOMALY_SCORE} (over all shingle
 *       positions, so the column scores add up to the anomaly score);
 *   <li>{@code DIRECTION} ({@code HIGH} or {@code LOW}) and {@code STRENGTH} (how one-sided the
 *       attribution is: |high - low|), only when {@code withDirectionality} is true.
 * </ul>
 *
 * Values are strings, as KDA wrote them. While the model warms up every score is 0.
 */
@Internal
final class KdaExplanation {
    private KdaExplanation() {}

    static String json(String[] columns, DiVector attribution, boolean withDirectionality) {
        int cols = columns.length;
        StringBuilder sb = new StringBuilder("{");
        for (int c = 0; c < cols; c++) {
            double high = 0;
            double low = 0;
            if (attribution != null) {
                for (int d = c; d < attribution.getDimensions(); d += cols) {
                    high += attribution.high[d];
                    low += attribution.low[d];
                }
            }
            if (c > 0) {
                sb.append(',');
            }
            quote(sb, columns[c]).append(":{");
            if (withDirectionality) {
                sb.append("\"DIRECTION\":\"").append(high >= low ? "HIGH" : "LOW").append("\",");
                sb.append("\"STRENGTH\":\"").append(number(Math.abs(high - low))).append("\",");
            }
            sb.append("\"ATTRIBUTION_SCORE\":\"").append(number(high + low)).append("\"}");
        }
        return sb.append('}').toString();
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.append('"');
    }
}
