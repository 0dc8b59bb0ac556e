package dev.riffle.testdata;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class TrafficGeneratorTest {

    private static List<GeneratedRecord> generate(GeneratorConfig config) {
        List<GeneratedRecord> out = new ArrayList<>();
        new TrafficGenerator(config).forEachRemaining(out::add);
        return out;
    }

    @Test
    void theSameSeedGivesTheSameBytes() {
        GeneratorConfig config = GeneratorConfig.builder().seed(7).maxRecords(2000).build();
        List<GeneratedRecord> a = generate(config);
        List<GeneratedRecord> b = generate(config);
        assertThat(a).hasSize(2000);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).data()).isEqualTo(b.get(i).data());
            assertThat(a.get(i).partitionKey()).isEqualTo(b.get(i).partitionKey());
        }
        List<GeneratedRecord> other =
                generate(GeneratorConfig.builder().seed(8).maxRecords(2000).build());
        assertThat(other.get(0).data()).isNotEqualTo(a.get(0).data());
    }

    @Test
    void mixesKindsInTheConfiguredShares() {
        List<GeneratedRecord> records =
                generate(
                        GeneratorConfig.builder()
                                .seed(1)
                                .maxRecords(20_000)
                                .duration(Duration.ofHours(2))
                                .malformedShare(0.05)
                                .duplicateShare(0.04)
                                .internalShare(0.03)
                                .anomalies(0)
                                .build());
        Map<RecordKind, Integer> counts = new EnumMap<>(RecordKind.class);
        Map<Malformation, Integer> malformations = new EnumMap<>(Malformation.class);
        for (GeneratedRecord r : records) {
            counts.merge(r.kind(), 1, Integer::sum);
            if (r.malformation() != null) {
                malformations.merge(r.malformation(), 1, Integer::sum);
            }
        }
        assertThat(counts.get(RecordKind.MALFORMED)).isBetween(800, 1200);
        assertThat(counts.get(RecordKind.DUPLICATE)).isBetween(600, 1000);
        assertThat(counts.get(RecordKind.INTERNAL)).isBetween(450, 750);
        assertThat(malformations).containsOnlyKeys(Malformation.values());
    }

    @Test
    void duplicatesRepeatAnEarlierValidRecordByteForByte() {
        List<GeneratedRecord> records =
                generate(GeneratorConfig.builder().seed(3).maxRecords(5000).build());
        Map<String, byte[]> valid = new HashMap<>();
        Set<String> ids = new HashSet<>();
        int duplicates = 0;
        for (GeneratedRecord r : records) {
            if (r.kind() == RecordKind.VALID) {
                assertThat(ids.add(r.eventId()))
                        .as("eventIds of valid records are unique")
                        .isTrue();
                valid.put(r.eventId(), r.data());
            } else if (r.kind() == RecordKind.DUPLICATE) {
                duplicates++;
                assertThat(valid.get(r.eventId())).isEqualTo(r.data());
            }
        }
        assertThat(duplicates).isPositive();
    }

    @Test
    void popularityIsSkewed() {
        List<GeneratedRecord> records =
                generate(GeneratorConfig.builder().seed(5).maxRecords(20_000).anomalies(0).build());
        Map<String, Integer> perUser = new HashMap<>();
        for (GeneratedRecord r : records) {
            if (r.kind() == RecordKind.VALID && r.partitionKey().startsWith("u-")) {
                perUser.merge(r.partitionKey(), 1, Integer::sum);
            }
        }
        int top = perUser.getOrDefault("u-000000", 0);
        int median = perUser.getOrDefault("u-002500", 0);
        assertThat(top).isGreaterThan(100);
        assertThat(median).isLessThan(top / 20);
    }

    @Test
    void volumeFollowsTheTimeOfDay() {
        assertThat(TrafficGenerator.diurnal(Instant.parse("2026-03-01T15:00:00Z")))
                .isCloseTo(1.6, org.assertj.core.data.Offset.offset(0.01));
        assertThat(TrafficGenerator.diurnal(Instant.parse("2026-03-01T03:00:00Z")))
                .isCloseTo(0.4, org.assertj.core.data.Offset.offset(0.01));
        int night = countIn(Instant.parse("2026-03-01T03:00:00Z"));
        int afternoon = countIn(Instant.parse("2026-03-01T15:00:00Z"));
        assertThat((double) afternoon / night).isBetween(3.0, 5.0);
    }

    private static int countIn(Instant start) {
        return generate(
                        GeneratorConfig.builder()
                                .start(start)
                                .duration(Duration.ofMinutes(10))
                                .ratePerSecond(5)
                                .anomalies(0)
                                .build())
                .size();
    }

    @Test
    void labelsEveryInjectedAnomalyAndTheSpikeIsVisible() {
        GeneratorConfig config =
                GeneratorConfig.builder()
                        .seed(11)
                        .ratePerSecond(20)
                        .duration(Duration.ofMinutes(30))
                        .anomalyDuration(Duration.ofMinutes(5))
                        .build();
        TrafficGenerator generator = new TrafficGenerator(config);
        List<GeneratedRecord> records = new ArrayList<>();
        generator.forEachRemaining(records::add);
        assertThat(generator.labels())
                .extracting(AnomalyLabel::kind)
                .containsExactly(
                        AnomalyLabel.MERCHANT_VOLUME_SPIKE,
                        AnomalyLabel.CHECKOUT_ERROR_BURST,
                        AnomalyLabel.TELEMETRY_LEVEL_SHIFT);
        AnomalyLabel spike = generator.labels().get(0);
        assertThat(Duration.between(spike.start(), spike.end())).isEqualTo(Duration.ofMinutes(5));
        assertThat(spike.toJson())
                .startsWith("{\"kind\":\"merchant_volume_spike\",\"key\":\"" + spike.key() + "\"");

        // The merchant's transactions per minute inside the spike vs outside it.
        String needle = "\"merchantId\":\"" + spike.key() + "\"";
        int inside = 0;
        int outside = 0;
        for (GeneratedRecord r : records) {
            if (r.kind() != RecordKind.VALID
                    || !new String(r.data(), StandardCharsets.UTF_8).contains(needle)
                    || !new String(r.data(), StandardCharsets.UTF_8)
                            .contains("\"type\":\"transaction\"")) {
                continue;
            }
            if (spike.activeAt(r.eventTime())) {
                inside++;
            } else {
                outside++;
            }
        }
        double ratio = (inside / 5.0) / (outside / 25.0);
        assertThat(ratio).isBetween(3.5, 9.0);
    }

    @Test
    void theErrorBurstRaisesTheMerchantsCheckoutErrorRate() {
        GeneratorConfig config =
                GeneratorConfig.builder()
                        .seed(13)
                        .ratePerSecond(50)
                        .duration(Duration.ofMinutes(60))
                        .build();
        TrafficGenerator generator = new TrafficGenerator(config);
        List<GeneratedRecord> records = new ArrayList<>();
        generator.forEachRemaining(records::add);
        AnomalyLabel burst = generator.labels().get(1);
        int errors = 0;
        int total = 0;
        for (GeneratedRecord r : records) {
            String s = new String(r.data(), StandardCharsets.UTF_8);
            if (r.kind() == RecordKind.VALID
                    && burst.activeAt(r.eventTime())
                    && s.contains("\"type\":\"checkout\"")
                    && s.contains("\"merchantId\":\"" + burst.key() + "\"")) {
                total++;
                errors += s.contains("\"outcome\":\"error\"") ? 1 : 0;
            }
        }
        assertThat(total).isGreaterThan(20);
        assertThat((double) errors / total).isBetween(0.3, 0.7);
    }

    @Test
    void anomaliesEveryIntervalTakeTurnsOverKindsAndKeys() {
        Instant start = Instant.parse("2026-03-01T15:00:00Z");
        TrafficGenerator generator =
                new TrafficGenerator(
                        GeneratorConfig.builder()
                                .start(start)
                                .duration(Duration.ofMinutes(5))
                                .population(20, 500, 1)
                                .anomalyEvery(Duration.ofSeconds(30))
                                .anomalyDuration(Duration.ofSeconds(40))
                                .anomalyKinds(
                                        List.of(
                                                AnomalyLabel.TELEMETRY_LIMIT_BREACH,
                                                AnomalyLabel.MERCHANT_VOLUME_SPIKE,
                                                AnomalyLabel.TELEMETRY_LEVEL_SHIFT))
                                .build());
        List<AnomalyLabel> labels = generator.labels();
        // 30 s, 60 s, ... 270 s: the one at 300 s would end after the run.
        assertThat(labels)
                .extracting(l -> Duration.between(start, l.start()).toSeconds())
                .containsExactly(30L, 60L, 90L, 120L, 150L, 180L, 210L, 240L, 270L);
        assertThat(labels)
                .allSatisfy(
                        l ->
                                assertThat(Duration.between(l.start(), l.end()))
                                        .as("capped at the interval")
                                        .isEqualTo(Duration.ofSeconds(30)));
        assertThat(labels)
                .extracting(AnomalyLabel::kind, AnomalyLabel::key)
                .containsExactly(
                        tuple(AnomalyLabel.TELEMETRY_LIMIT_BREACH, "dev-00000/temperature"),
                        tuple(AnomalyLabel.MERCHANT_VOLUME_SPIKE, "m-0000"),
                        tuple(AnomalyLabel.TELEMETRY_LEVEL_SHIFT, "dev-00000/humidity"),
                        tuple(AnomalyLabel.TELEMETRY_LIMIT_BREACH, "dev-00000/pressure"),
                        tuple(AnomalyLabel.MERCHANT_VOLUME_SPIKE, "m-0001"),
                        tuple(AnomalyLabel.TELEMETRY_LEVEL_SHIFT, "dev-00000/temperature"),
                        tuple(AnomalyLabel.TELEMETRY_LIMIT_BREACH, "dev-00000/humidity"),
                        tuple(AnomalyLabel.MERCHANT_VOLUME_SPIKE, "m-0002"),
                        tuple(AnomalyLabel.TELEMETRY_LEVEL_SHIFT, "dev-00000/pressure"));
        assertThat(labels.get(0).toJson())
                .isEqualTo(
                        "{\"kind\":\"telemetry_limit_breach\",\"key\":\"dev-00000/temperature\","
                            + "\"start\":\"2026-03-01T15:00:30Z\",\"end\":\"2026-03-01T15:01:00Z\","
                            + "\"level\":36.6,\"limit\":35.0}");
    }

    @Test
    void aLimitBreachHoldsTheReadingsAboveTheMetricsLimitOnlyWhileItLasts() {
        TrafficGenerator generator =
                new TrafficGenerator(
                        GeneratorConfig.builder()
                                .seed(17)
                                .ratePerSecond(40)
                                .duration(Duration.ofMinutes(4))
                                .population(20, 500, 1)
                                .anomalyEvery(Duration.ofSeconds(60))
                                .anomalyDuration(Duration.ofSeconds(30))
                                .anomalyKinds(List.of(AnomalyLabel.TELEMETRY_LIMIT_BREACH))
                                .build());
        List<GeneratedRecord> records = new ArrayList<>();
        generator.forEachRemaining(records::add);
        assertThat(generator.labels()).hasSize(3);
        Map<String, Double> limits =
                Map.of("temperature", 35.0, "humidity", 85.0, "pressure", 1045.0);
        int inside = 0;
        for (GeneratedRecord r : records) {
            String s = new String(r.data(), StandardCharsets.UTF_8);
            if (r.kind() != RecordKind.VALID || !s.contains("\"type\":\"telemetry\"")) {
                continue;
            }
            String metric = s.replaceAll(".*\"metric\":\"([a-z]+)\".*", "$1");
            double value = Double.parseDouble(s.replaceAll(".*\"value\":([0-9.]+).*", "$1"));
            boolean breached =
                    generator.labels().stream()
                            .anyMatch(
                                    l ->
                                            l.key().equals("dev-00000/" + metric)
                                                    && l.activeAt(r.eventTime()));
            if (breached) {
                inside++;
                assertThat(value).as(s).isGreaterThan(limits.get(metric));
            } else {
                assertThat(value).as(s).isLessThan(limits.get(metric));
            }
        }
        assertThat(inside).isGreaterThan(20);
    }

    @Test
    void rejectsAnUnknownAnomalyKindNamingTheAcceptedOnes() {
        assertThatThrownBy(
                        () ->
                                GeneratorConfig.builder()
                                        .anomalyKinds(List.of("meteor_strike"))
                                        .build())
                .hasMessage(
                        "unknown anomaly kind 'meteor_strike'. Accepted: merchant_volume_spike,"
                                + " checkout_error_burst, telemetry_level_shift,"
                                + " telemetry_limit_breach");
    }

    @Test
    void malformedRecordsAreReallyBroken() {
        for (GeneratedRecord r :
                generate(
                        GeneratorConfig.builder()
                                .seed(2)
                                .maxRecords(5000)
                                .malformedShare(0.2)
                                .build())) {
            if (r.malformation() == Malformation.OVERSIZE) {
                assertThat(r.data().length).isGreaterThan(64 * 1024);
            } else if (r.malformation() == Malformation.INVALID_UTF8) {
                assertThat(
                                new String(r.data(), StandardCharsets.UTF_8)
                                        .getBytes(StandardCharsets.UTF_8))
                        .isNotEqualTo(r.data());
            } else if (r.kind() == RecordKind.VALID) {
                assertThat(r.data().length).isLessThan(1024);
            }
        }
    }
}
