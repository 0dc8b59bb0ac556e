package dev.riffle.common.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventSchemasTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static EventSchemas schemas;

    @BeforeAll
    static void load() {
        schemas = EventSchemas.load();
    }

    private static JsonNode json(String s) throws Exception {
        return MAPPER.readTree(s);
    }

    @Test
    void acceptsOneValidEventOfEachType() throws Exception {
        assertThat(
                        schemas.validate(
                                EventType.TRANSACTION,
                                json(
                                        "{\"eventId\":\"e1\",\"type\":\"transaction\",\"timestamp\":\"2026-03-01T12:00:00Z\",\"userId\":\"u1\",\"ip\":\"81.2.69.160\",\"merchantId\":\"m1\",\"amount\":19.99,\"currency\":\"eur\",\"status\":\"captured\"}")))
                .isEmpty();
        assertThat(
                        schemas.validate(
                                EventType.CHECKOUT,
                                json(
                                        "{\"eventId\":\"e2\",\"type\":\"checkout\",\"timestamp\":1772366400123,\"userId\":\"u1\",\"merchantId\":\"m1\",\"outcome\":\"error\",\"errorCode\":\"TIMEOUT\"}")))
                .isEmpty();
        assertThat(
                        schemas.validate(
                                EventType.CLICK,
                                json(
                                        "{\"eventId\":\"e3\",\"type\":\"click\",\"timestamp\":1772366400,\"userId\":\"u1\",\"action\":\"feature_use\",\"feature\":\"export\",\"ip\":\"2001:db8::1\"}")))
                .isEmpty();
        assertThat(
                        schemas.validate(
                                EventType.TELEMETRY,
                                json(
                                        "{\"eventId\":\"e4\",\"type\":\"telemetry\",\"timestamp\":\"2026-03-01T12:00:00.250Z\",\"deviceId\":\"d1\",\"metric\":\"temperature\",\"value\":21.5,\"extra\":\"ignored\"}")))
                .isEmpty();
    }

    @Test
    void namesTheMissingField() throws Exception {
        assertThat(
                        schemas.validate(
                                EventType.TRANSACTION,
                                json(
                                        "{\"eventId\":\"e1\",\"type\":\"transaction\",\"timestamp\":1,\"userId\":\"u1\",\"amount\":1,\"currency\":\"EUR\",\"status\":\"captured\"}")))
                .singleElement()
                .asString()
                .contains("merchantId");
    }

    @Test
    void namesTheFieldWithTheWrongType() throws Exception {
        assertThat(
                        schemas.validate(
                                EventType.TELEMETRY,
                                json(
                                        "{\"eventId\":\"e4\",\"type\":\"telemetry\",\"timestamp\":1,\"deviceId\":\"d1\",\"metric\":\"t\",\"value\":\"21.5\"}")))
                .singleElement()
                .asString()
                .contains("$.value")
                .contains("number");
    }

    @Test
    void rejectsAnIpThatIsNotAnAddressLiteral() throws Exception {
        assertThat(
                        schemas.validate(
                                EventType.CHECKOUT,
                                json(
                                        "{\"eventId\":\"e2\",\"type\":\"checkout\",\"timestamp\":1,\"userId\":\"u1\",\"merchantId\":\"m1\",\"outcome\":\"ok\",\"ip\":\"example.com\"}")))
                .isNotEmpty()
                .anySatisfy(m -> assertThat(m).contains("$.ip"));
    }

    @Test
    void requiresTheFeatureOfAFeatureUse() throws Exception {
        assertThat(
                        schemas.validate(
                                EventType.CLICK,
                                json(
                                        "{\"eventId\":\"e3\",\"type\":\"click\",\"timestamp\":1,\"userId\":\"u1\",\"action\":\"feature_use\"}")))
                .anySatisfy(m -> assertThat(m).contains("feature"));
    }

    @Test
    void rejectsBadValuesOfKnownFields() throws Exception {
        assertThat(
                        schemas.validate(
                                EventType.TRANSACTION,
                                json(
                                        "{\"eventId\":\"\",\"type\":\"transaction\",\"timestamp\":true,\"userId\":\"u1\",\"merchantId\":\"m1\",\"amount\":-1,\"currency\":\"EURO\",\"status\":\"stolen\"}")))
                .hasSize(5);
    }
}
