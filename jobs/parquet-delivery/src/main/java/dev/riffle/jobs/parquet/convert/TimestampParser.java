package dev.riffle.jobs.parquet.convert;

import org.apache.flink.annotation.Internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON value as an instant, in microseconds since the epoch (UTC), the way Firehose's
 * record format conversion does: strings in ISO-8601 ({@code 2024-05-01T12:00:00Z}, with an offset,
 * or without a zone meaning UTC), Hive's {@code yyyy-MM-dd HH:mm:ss[.fffffffff]}, a date alone, or
 * digits; numbers as epoch seconds with an optional fraction ({@code 1518033528.123}), or epoch
 * milliseconds when the formats include {@code millis}. Custom patterns are tried first.
 */
@Internal
public final class TimestampParser {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_DATE_TIME;
    private static final DateTimeFormatter HIVE =
            new DateTimeFormatterBuilder()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE)
                    .appendLiteral(' ')
                    .append(DateTimeFormatter.ISO_LOCAL_TIME)
                    .optionalStart()
                    .appendOffsetId()
                    .optionalEnd()
                    .toFormatter();

    private final List<DateTimeFormatter> custom = new ArrayList<>();
    private final boolean epochMillis;

    public TimestampParser(JsonOptions options) {
        for (String pattern : options.timestampFormats()) {
            if (!JsonOptions.MILLIS.equalsIgnoreCase(pattern)) {
                custom.add(DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC));
            }
        }
        this.epochMillis = options.epochMillis();
    }

    /** Checks a custom pattern; returns the problem or null. */
    public static String checkPattern(String pattern) {
        if (JsonOptions.MILLIS.equalsIgnoreCase(pattern)) {
            return null;
        }
        try {
            DateTimeFormatter.ofPattern(pattern);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Microseconds since the epoch, or throws {@link DateTimeException} with the reason. */
    public long micros(JsonNode value) {
        if (value.isIntegralNumber()) {
            long v = value.asLong();
            return epochMillis ? Math.multiplyExact(v, 1000L) : Math.multiplyExact(v, 1_000_000L);
        }
        if (value.isNumber()) {
            return fromDecimal(value.decimalValue());
        }
        if (value.isTextual()) {
            return micros(value.asText());
        }
        throw new DateTimeException("expected a timestamp string or number");
    }

    /** Microseconds since the epoch for a timestamp string. */
    public long micros(String text) {
        String s = text.trim();
        for (DateTimeFormatter f : custom) {
            try {
                return toMicros(f.parse(s));
            } catch (DateTimeException ignored) {
                // try the next format
            }
        }
        if (!s.isEmpty() && isNumeric(s)) {
            return fromDecimal(new BigDecimal(s));
        }
        try {
            if (s.length() > 10 && s.charAt(10) == ' ') {
                return toMicros(HIVE.parse(s));
            }
            if (s.length() == 10) {
                return Math.multiplyExact(LocalDate.parse(s).toEpochDay(), 86_400L * 1_000_000L);
            }
            return toMicros(ISO.parse(s));
        } catch (DateTimeException e) {
            throw new DateTimeException(
                    "'"
                            + abbreviate(text)
                            + "' is not a timestamp (ISO-8601, 'yyyy-MM-dd HH:mm:ss', epoch"
                            + (epochMillis ? " milliseconds" : " seconds")
                            + (custom.isEmpty() ? "" : " or a configured format")
                            + ")");
        }
    }

    private long fromDecimal(BigDecimal v) {
        BigDecimal micros = epochMillis ? v.movePointRight(3) : v.movePointRight(6);
        return micros.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
    }

    private static long toMicros(TemporalAccessor t) {
        Instant instant;
        if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
            instant = Instant.from(t);
        } else if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
            instant = OffsetDateTime.from(t).toInstant();
        } else if (t.isSupported(ChronoField.HOUR_OF_DAY)) {
            instant = LocalDateTime.from(t).toInstant(ZoneOffset.UTC);
        } else {
            instant = LocalDate.from(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return Math.addExact(
                Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }

    private static boolean isNumeric(String s) {
        int start = s.charAt(0) == '-' ? 1 : 0;
        boolean digit = false;
        boolean dot = false;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return false;
            }
        }
        return digit;
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
