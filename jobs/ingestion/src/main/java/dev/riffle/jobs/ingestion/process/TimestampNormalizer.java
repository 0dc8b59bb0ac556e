package dev.riffle.jobs.ingestion.process;

import org.apache.flink.annotation.Internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Reads a producer's timestamp as a UTC instant at millisecond precision. Accepted: an ISO-8601
 * date-time with a zone offset ({@code 2026-03-01T12:00:00Z}, {@code ...+01:00}); epoch seconds (a
 * number below 10^11, may have a fraction); epoch milliseconds (a number from 10^11). The 10^11
 * split is unambiguous for real data: 10^11 seconds is the year 5138, 10^11 ms is 1973.
 */
@Internal
public final class TimestampNormalizer {
    static final double SECONDS_LIMIT = 100_000_000_000d;

    private TimestampNormalizer() {}

    /** Thrown with a message for the dead letter. */
    public static final class InvalidTimestampException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidTimestampException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param node the {@code timestamp} field (a string or a number, as the schema requires)
     */
    public static Instant normalize(JsonNode node) throws InvalidTimestampException {
        Instant instant;
        if (node.isNumber()) {
            double v = node.asDouble();
            if (!Double.isFinite(v) || v < 0) {
                throw new InvalidTimestampException(
                        "timestamp " + node + " is negative: expected epoch seconds or millis");
            }
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                long l = node.asLong();
                instant = l < SECONDS_LIMIT ? Instant.ofEpochSecond(l) : Instant.ofEpochMilli(l);
            } else if (v < SECONDS_LIMIT) {
                instant = Instant.ofEpochMilli(Math.round(v * 1000d));
            } else if (v < Long.MAX_VALUE) {
                instant = Instant.ofEpochMilli(Math.round(v));
            } else {
                throw new InvalidTimestampException("timestamp " + node + " is out of range");
            }
        } else if (node.isTextual()) {
            String s = node.textValue().trim();
            try {
                instant =
                        OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeException e) {
                throw new InvalidTimestampException(
                        "timestamp '"
                                + abbreviate(s)
                                + "' is not an ISO-8601 date-time with a zone offset"
                                + " (e.g. 2026-03-01T12:00:00Z)");
            }
        } else {
            throw new InvalidTimestampException("timestamp must be a string or a number");
        }
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
