package dev.riffle.jobs.parquet.convert;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * How JSON maps to columns: the OpenX JSON SerDe options Firehose users know, and the timestamp
 * formats of Firehose's record format conversion.
 *
 * @param caseInsensitive match JSON keys to columns ignoring case (OpenX default: on)
 * @param columnToJsonKey column name to the JSON key it reads (top-level columns)
 * @param dotsToUnderscores read JSON key "a.b" as column "a_b"
 * @param timestampFormats extra DateTimeFormatter patterns for timestamp strings, tried first; the
 *     entry {@code millis} makes numeric timestamps epoch milliseconds instead of epoch seconds
 */
@PublicEvolving
public record JsonOptions(
        boolean caseInsensitive,
        Map<String, String> columnToJsonKey,
        boolean dotsToUnderscores,
        List<String> timestampFormats)
        implements Serializable {

    /** The special {@link #timestampFormats} entry for epoch milliseconds. */
    public static final String MILLIS = "millis";

    public JsonOptions {
        columnToJsonKey = Map.copyOf(columnToJsonKey);
        timestampFormats = List.copyOf(timestampFormats);
    }

    /**
     * Firehose's defaults: case-insensitive, no mappings, dots kept, ISO-8601 and epoch seconds.
     */
    public static JsonOptions defaults() {
        return new JsonOptions(true, Map.of(), false, List.of());
    }

    /** Whether numbers are epoch milliseconds (else epoch seconds, possibly fractional). */
    public boolean epochMillis() {
        return timestampFormats.stream().anyMatch(MILLIS::equalsIgnoreCase);
    }
}
