package dev.riffle.common.event;

import org.apache.flink.annotation.PublicEvolving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The JSON form of an {@link Event} on the events stream: one object, fields in a fixed order,
 * {@code null} fields left out, instants as ISO-8601 UTC strings ({@code
 * 2026-03-01T12:00:00.250Z}), {@code type} as its wire name. Written by hand with Jackson's
 * streaming API so the format does not move when a library default changes. {@link #read} accepts
 * what {@link #write} produces and ignores fields it does not know.
 */
@PublicEvolving
public final class EventJson {
    private static final JsonFactory JSON = new JsonFactory();

    private EventJson() {}

    /** Serializes an event to UTF-8 JSON bytes. */
    public static byte[] write(Event e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            str(g, "eventId", e.eventId);
            str(g, "type", e.type == null ? null : e.type.wireName());
            instant(g, "occurredAt", e.occurredAt);
            instant(g, "receivedAt", e.receivedAt);
            str(g, "userId", e.userId);
            str(g, "sessionId", e.sessionId);
            str(g, "ip", e.ip);
            str(g, "country", e.country);
            str(g, "geoCountry", e.geoCountry);
            str(g, "merchantId", e.merchantId);
            if (e.amount != null) {
                g.writeNumberField("amount", e.amount);
            }
            str(g, "currency", e.currency);
            str(g, "status", e.status);
            str(g, "paymentMethod", e.paymentMethod);
            str(g, "outcome", e.outcome);
            num(g, "latencyMs", e.latencyMs);
            str(g, "errorCode", e.errorCode);
            str(g, "action", e.action);
            str(g, "page", e.page);
            str(g, "feature", e.feature);
            str(g, "deviceId", e.deviceId);
            str(g, "metric", e.metric);
            num(g, "value", e.value);
            str(g, "unit", e.unit);
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot serialize event " + e.eventId, ex);
        }
        return out.toByteArray();
    }

    /**
     * Reads an event written by {@link #write}.
     *
     * @throws IOException if the bytes are not such an object
     */
    public static Event read(byte[] json) throws IOException {
        Event e = new Event();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("An event must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (field) {
                    case "eventId" -> e.eventId = p.getText();
                    case "type" -> {
                        e.type = EventType.fromWireName(p.getText());
                        if (e.type == null) {
                            throw new IOException("Unknown event type " + p.getText());
                        }
                    }
                    case "occurredAt" -> e.occurredAt = Instant.parse(p.getText());
                    case "receivedAt" -> e.receivedAt = Instant.parse(p.getText());
                    case "userId" -> e.userId = p.getText();
                    case "sessionId" -> e.sessionId = p.getText();
                    case "ip" -> e.ip = p.getText();
                    case "country" -> e.country = p.getText();
                    case "geoCountry" -> e.geoCountry = p.getText();
                    case "merchantId" -> e.merchantId = p.getText();
                    case "amount" -> e.amount = p.getDecimalValue();
                    case "currency" -> e.currency = p.getText();
                    case "status" -> e.status = p.getText();
                    case "paymentMethod" -> e.paymentMethod = p.getText();
                    case "outcome" -> e.outcome = p.getText();
                    case "latencyMs" -> e.latencyMs = p.getDoubleValue();
                    case "errorCode" -> e.errorCode = p.getText();
                    case "action" -> e.action = p.getText();
                    case "page" -> e.page = p.getText();
                    case "feature" -> e.feature = p.getText();
                    case "deviceId" -> e.deviceId = p.getText();
                    case "metric" -> e.metric = p.getText();
                    case "value" -> e.value = p.getDoubleValue();
                    case "unit" -> e.unit = p.getText();
                    default -> p.skipChildren();
                }
            }
        } catch (RuntimeException ex) {
            throw new IOException("Not an event: " + ex.getMessage(), ex);
        }
        return e;
    }

    private static void str(JsonGenerator g, String name, String v) throws IOException {
        if (v != null) {
            g.writeStringField(name, v);
        }
    }

    private static void num(JsonGenerator g, String name, Double v) throws IOException {
        if (v != null) {
            g.writeNumberField(name, v);
        }
    }

    private static void instant(JsonGenerator g, String name, Instant v) throws IOException {
        if (v != null) {
            g.writeStringField(name, v.toString());
        }
    }
}
