package dev.riffle.common.event;

import org.apache.flink.annotation.PublicEvolving;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A validated, normalized event: what the ingestion job writes to the events stream and what every
 * downstream job reads. One flat type for all four {@link EventType}s, with the fields of the other
 * types left {@code null}: it serializes with Flink's POJO serializer (no Kryo), maps to a single
 * table in the lake, and stays cheap to copy between operators.
 *
 * <p>Normalization guarantees, so consumers need not re-check: {@code eventId}, {@code userId},
 * {@code deviceId}, {@code merchantId}, {@code sessionId} are trimmed; {@code occurredAt} is a UTC
 * instant at millisecond precision; {@code currency}, {@code country} and {@code geoCountry} are
 * upper case. The JSON form is {@link EventJson}.
 */
@PublicEvolving
public class Event {
    // Common to every type.
    public String eventId;
    public EventType type;

    /** When the event happened (the producer's timestamp, normalized). */
    public Instant occurredAt;

    /** When the source stream accepted the raw record. */
    public Instant receivedAt;

    public String userId;
    public String sessionId;
    public String ip;

    /** Country declared by the producer (ISO 3166-1 alpha-2). */
    public String country;

    /** Country looked up from {@link #ip}; {@code null} when the lookup had no answer. */
    public String geoCountry;

    // transaction and checkout
    public String merchantId;
    // transaction
    public BigDecimal amount;
    public String currency;
    public String status;
    public String paymentMethod;
    // checkout
    public String outcome;
    public Double latencyMs;
    // checkout and click
    public String errorCode;
    // click
    public String action;
    public String page;
    public String feature;
    // telemetry
    public String deviceId;
    public String metric;
    public Double value;
    public String unit;

    public Event() {}

    /**
     * The key events are partitioned by on the output stream: the user, or for telemetry without a
     * user, the device. Events with the same key keep their order end to end.
     */
    public String partitionKey() {
        return userId != null ? userId : deviceId;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Event)) {
            return false;
        }
        Event e = (Event) o;
        return Objects.equals(eventId, e.eventId)
                && type == e.type
                && Objects.equals(occurredAt, e.occurredAt)
                && Objects.equals(receivedAt, e.receivedAt)
                && Objects.equals(userId, e.userId)
                && Objects.equals(sessionId, e.sessionId)
                && Objects.equals(ip, e.ip)
                && Objects.equals(country, e.country)
                && Objects.equals(geoCountry, e.geoCountry)
                && Objects.equals(merchantId, e.merchantId)
                && Objects.equals(amount, e.amount)
                && Objects.equals(currency, e.currency)
                && Objects.equals(status, e.status)
                && Objects.equals(paymentMethod, e.paymentMethod)
                && Objects.equals(outcome, e.outcome)
                && Objects.equals(latencyMs, e.latencyMs)
                && Objects.equals(errorCode, e.errorCode)
                && Objects.equals(action, e.action)
                && Objects.equals(page, e.page)
                && Objects.equals(feature, e.feature)
                && Objects.equals(deviceId, e.deviceId)
                && Objects.equals(metric, e.metric)
                && Objects.equals(value, e.value)
                && Objects.equals(unit, e.unit);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, type, occurredAt);
    }

    @Override
    public String toString() {
        return new String(EventJson.write(this), java.nio.charset.StandardCharsets.UTF_8);
    }
}
