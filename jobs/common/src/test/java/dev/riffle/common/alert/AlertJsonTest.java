package dev.riffle.common.alert;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertJsonTest {

    private static final Instant START = Instant.parse("2025-03-01T10:04:00Z");
    private static final Instant END = Instant.parse("2025-03-01T10:05:00Z");

    @Test
    void writesEveryFieldInAFixedOrderAndReadsItBack() {
        Alert alert =
                Alert.builder()
                        .what("rcf")
                        .key("cpu/host-1")
                        .window(START, END)
                        .observed(97.5)
                        .expected(41.0)
                        .score(3.25)
                        .grade(0.8)
                        .explanation("value 97.5, expected 41.0")
                        .attribution("value", 2.5)
                        .attribution("value[-1]", 0.75)
                        .build();

        String json = AlertJson.toJson(alert);

        assertThat(json)
                .isEqualTo(
                        "{\"alertId\":\""
                                + Alert.idFor("rcf", "cpu/host-1", END)
                                + "\",\"what\":\"rcf\",\"key\":\"cpu/host-1\","
                                + "\"window\":{\"start\":\"2025-03-01T10:04:00Z\",\"end\":\"2025-03-01T10:05:00Z\"},"
                                + "\"observed\":97.5,\"expected\":41.0,\"score\":3.25,\"grade\":0.8,\"explanation\":\"value"
                                + " 97.5, expected 41.0\","
                                + "\"attribution\":{\"value\":2.5,\"value[-1]\":0.75}}");
        assertThat(AlertJson.fromJson(json)).isEqualTo(alert);
    }

    @Test
    void missingEstimatesAreNullAndTheIdIsStableAcrossReplays() {
        Alert a =
                Alert.builder()
                        .what("checkout-health")
                        .key("checkout")
                        .window(START, END)
                        .observed(0.05)
                        .score(2.5)
                        .build();
        Alert again =
                Alert.builder()
                        .what("checkout-health")
                        .key("checkout")
                        .window(START, END)
                        .observed(0.07)
                        .score(3.5)
                        .build();

        assertThat(AlertJson.toJson(a))
                .contains("\"expected\":null", "\"grade\":null", "\"attribution\":{}");
        assertThat(a.alertId()).isEqualTo(again.alertId()).hasSize(32);
    }

    @Test
    void readsSqlWrittenTimesWithFractionsAndIgnoresUnknownFields() {
        Alert a =
                AlertJson.fromJson(
                        "{\"alertId\":\"x\",\"what\":\"merchant-spike\",\"key\":\"m-1\",\"window\":{\"start\":\"2025-03-01T10:04:00.000Z\","
                            + "\"end\":\"2025-03-01T10:05:00.000Z\"},\"observed\":40,\"expected\":9.5,\"score\":4.2,\"extra\":1}");

        assertThat(a.windowEnd()).isEqualTo(END);
        assertThat(a.expected()).isEqualTo(9.5);
        assertThat(a.explanation()).isEmpty();
    }

    @Test
    void rejectsAnAlertWithoutAWindowNamingTheRule() {
        assertThatThrownBy(() -> Alert.builder().what("merchant-spike").key("m-1").build())
                .hasMessage("Alert 'merchant-spike' for key 'm-1' needs a window");
    }
}
