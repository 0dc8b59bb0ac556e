package dev.riffle.jobs.anomaly.backtest;

import org.apache.flink.annotation.Internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Timestamps of CSV series: NAB's {@code yyyy-MM-dd HH:mm:ss[.ffffff]}, ISO-8601 instants or local
 * date-times, or epoch milliseconds. Local times are taken as UTC.
 */
@Internal
public final class SeriesTimestamps {
    private static final DateTimeFormatter LOCAL =
            new DateTimeFormatterBuilder()
                    .appendPattern("yyyy-MM-dd")
                    .optionalStart()
                    .appendLiteral(' ')
                    .optionalEnd()
                    .optionalStart()
                    .appendLiteral('T')
                    .optionalEnd()
                    .appendPattern("HH:mm[:ss]")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                    .optionalEnd()
                    .toFormatter();

    private SeriesTimestamps() {}

    /** Epoch milliseconds of {@code text}; throws IllegalArgumentException naming the text. */
    public static long parse(String text) {
        String t = text.trim();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(t);
        }
        try {
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return Instant.parse(t).toEpochMilli();
            }
            return LocalDateTime.parse(t, LOCAL).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "Invalid timestamp '"
                            + text
                            + "'. Accepted: 'yyyy-MM-dd HH:mm:ss', an ISO-8601 instant or"
                            + " date-time, or epoch milliseconds");
        }
    }
}
