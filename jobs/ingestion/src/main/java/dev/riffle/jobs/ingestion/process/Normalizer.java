package dev.riffle.jobs.ingestion.process;

import dev.riffle.common.event.Event;
import dev.riffle.common.event.EventType;

import org.apache.flink.annotation.Internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/**
 * Turns a schema-valid raw object into a normalized {@link Event}: ids trimmed (and then required
 * to be non-blank), timestamp to a UTC instant, currency and country codes upper-cased. Fields the
 * schema does not know are dropped.
 */
@Internal
final class Normalizer {
    private Normalizer() {}

    /**
     * A value the schema allowed but the event cannot hold: an id that is blank once trimmed, a
     * number beyond a double's range (JSON has no limit; 1e400 parses as infinity).
     */
    static final class InvalidFieldException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidFieldException(String field, String problem) {
            super("$." + field + ": " + problem, null, false, false);
        }
    }

    static Event normalize(EventType type, ObjectNode o, long arrivalTimeMillis)
            throws TimestampNormalizer.InvalidTimestampException, InvalidFieldException {
        Event e = new Event();
        e.type = type;
        e.eventId = id(o, "eventId");
        e.occurredAt = TimestampNormalizer.normalize(o.get("timestamp"));
        e.receivedAt = arrivalTimeMillis > 0 ? Instant.ofEpochMilli(arrivalTimeMillis) : null;
        e.userId = id(o, "userId");
        e.sessionId = id(o, "sessionId");
        e.ip = text(o, "ip");
        e.country = upper(text(o, "country"));
        switch (type) {
            case TRANSACTION:
                e.merchantId = id(o, "merchantId");
                e.amount = decimal(o, "amount");
                e.currency = upper(text(o, "currency"));
                e.status = text(o, "status");
                e.paymentMethod = text(o, "paymentMethod");
                break;
            case CHECKOUT:
                e.merchantId = id(o, "merchantId");
                e.outcome = text(o, "outcome");
                e.errorCode = text(o, "errorCode");
                e.latencyMs = number(o, "latencyMs");
                break;
            case CLICK:
                e.action = text(o, "action");
                e.page = text(o, "page");
                e.feature = text(o, "feature");
                e.errorCode = text(o, "errorCode");
                break;
            case TELEMETRY:
                e.deviceId = id(o, "deviceId");
                e.metric = text(o, "metric");
                e.value = number(o, "value");
                e.unit = text(o, "unit");
                break;
            default:
                throw new IllegalStateException("Unhandled event type " + type);
        }
        return e;
    }

    private static String text(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String id(ObjectNode o, String field) throws InvalidFieldException {
        String s = text(o, field);
        if (s == null) {
            return null;
        }
        String t = s.trim();
        if (t.isEmpty()) {
            throw new InvalidFieldException(field, "must not be blank");
        }
        return t;
    }

    private static BigDecimal decimal(ObjectNode o, String field) throws InvalidFieldException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        number(o, field); // the range check
        return n.decimalValue();
    }

    private static Double number(ObjectNode o, String field) throws InvalidFieldException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        double d = n.asDouble();
        if (!Double.isFinite(d)) {
            throw new InvalidFieldException(field, "number out of range (beyond +-1.8e308)");
        }
        return d;
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }
}
