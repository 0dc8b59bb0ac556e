package dev.riffle.common.event;

import dev.riffle.common.json.FlatJson;

import org.apache.flink.annotation.PublicEvolving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

import static dev.riffle.common.json.FlatJson.optional;

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
            optional(g, "eventId", e.eventId);
            optional(g, "type", e.type == null ? null : e.type.wireName());
            optional(g, "occurredAt", e.occurredAt);
            optional(g, "receivedAt", e.receivedAt);
            optional(g, "userId", e.userId);
            optional(g, "sessionId", e.sessionId);
            optional(g, "ip", e.ip);
            optional(g, "country", e.country);
            optional(g, "geoCountry", e.geoCountry);
            optional(g, "merchantId", e.merchantId);
            if (e.amount != null) {
                g.writeNumberField("amount", e.amount);
            }
            optional(g, "currency", e.currency);
            optional(g, "status", e.status);
            optional(g, "paymentMethod", e.paymentMethod);
            optional(g, "outcome", e.outcome);
            optional(g, "latencyMs", e.latencyMs);
            optional(g, "errorCode", e.errorCode);
            optional(g, "action", e.action);
            optional(g, "page", e.page);
            optional(g, "feature", e.feature);
            optional(g, "deviceId", e.deviceId);
            optional(g, "metric", e.metric);
            optional(g, "value", e.value);
            optional(g, "unit", e.unit);
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
        FlatJson.readObject(
                JSON,
                json,
                "an event",
                (field, p) -> {
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
                });
        return e;
    }
}
