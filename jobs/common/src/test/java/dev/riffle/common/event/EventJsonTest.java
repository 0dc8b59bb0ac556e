package dev.riffle.common.event;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTest {

    static Event transaction() {
        Event e = new Event();
        e.eventId = "e1";
        e.type = EventType.TRANSACTION;
        e.occurredAt = Instant.parse("2026-03-01T12:00:00.250Z");
        e.receivedAt = Instant.parse("2026-03-01T12:00:01Z");
        e.userId = "u1";
        e.ip = "81.2.69.160";
        e.geoCountry = "GB";
        e.merchantId = "m1";
        e.amount = new BigDecimal("19.99");
        e.currency = "EUR";
        e.status = "captured";
        return e;
    }

    @Test
    void writesAPinnedFormat() {
        assertThat(new String(EventJson.write(transaction()), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"eventId\":\"e1\",\"type\":\"transaction\",\"occurredAt\":\"2026-03-01T12:00:00.250Z\","
                            + "\"receivedAt\":\"2026-03-01T12:00:01Z\",\"userId\":\"u1\",\"ip\":\"81.2.69.160\","
                            + "\"geoCountry\":\"GB\",\"merchantId\":\"m1\",\"amount\":19.99,\"currency\":\"EUR\","
                            + "\"status\":\"captured\"}");
    }

    @Test
    void readsWhatItWrites() throws Exception {
        Event telemetry = new Event();
        telemetry.eventId = "t1";
        telemetry.type = EventType.TELEMETRY;
        telemetry.occurredAt = Instant.ofEpochMilli(1);
        telemetry.deviceId = "d1";
        telemetry.metric = "temperature";
        telemetry.value = -3.25;
        telemetry.unit = "C";
        assertThat(EventJson.read(EventJson.write(telemetry))).isEqualTo(telemetry);
        assertThat(EventJson.read(EventJson.write(transaction()))).isEqualTo(transaction());
        assertThat(telemetry.partitionKey()).isEqualTo("d1");
        assertThat(transaction().partitionKey()).isEqualTo("u1");
    }

    @Test
    void ignoresUnknownFieldsAndRejectsNonObjects() throws Exception {
        assertThat(
                        EventJson.read(
                                        "{\"eventId\":\"x\",\"future\":{\"a\":[1]},\"type\":\"click\"}"
                                                .getBytes(StandardCharsets.UTF_8))
                                .type)
                .isEqualTo(EventType.CLICK);
        assertThatThrownBy(() -> EventJson.read("[1]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("JSON object");
    }
}
