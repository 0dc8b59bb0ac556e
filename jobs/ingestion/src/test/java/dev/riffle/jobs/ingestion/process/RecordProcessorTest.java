package dev.riffle.jobs.ingestion.process;

import dev.riffle.common.event.Event;
import dev.riffle.common.event.RawRecord;
import dev.riffle.jobs.ingestion.TestSupport;
import dev.riffle.testdata.GeneratedRecord;
import dev.riffle.testdata.GeneratorConfig;
import dev.riffle.testdata.RecordKind;
import dev.riffle.testdata.TrafficGenerator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecordProcessorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long ARRIVAL = Instant.parse("2026-03-01T12:00:05Z").toEpochMilli();

    private static RecordProcessor processor;
    private static final Map<String, ProcessResult> FIXTURES = new HashMap<>();

    @BeforeAll
    static void processFixtures() throws Exception {
        processor = RecordProcessor.open(TestSupport.config());
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(
                                RecordProcessorTest.class
                                        .getClassLoader()
                                        .getResourceAsStream("fixtures/raw-events.jsonl"),
                                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode f = MAPPER.readTree(line);
                byte[] data;
                if (f.has("event")) {
                    data = f.get("event").toString().getBytes(StandardCharsets.UTF_8);
                } else if (f.has("raw")) {
                    data = f.get("raw").asText().getBytes(StandardCharsets.UTF_8);
                } else {
                    data = Base64.getDecoder().decode(f.get("rawBase64").asText());
                }
                FIXTURES.put(
                        f.get("expect").asText() + " / " + f.get("note").asText(),
                        processor.process(
                                new RawRecord(data, "raw-events", "shardId-0", "1", "k", ARRIVAL)));
            }
        }
    }

    @AfterAll
    static void close() throws Exception {
        processor.close();
    }

    @Test
    void everyFixtureGetsTheOutcomeItExpects() {
        assertThat(FIXTURES).hasSizeGreaterThan(20);
        FIXTURES.forEach(
                (expectAndNote, result) -> {
                    String expect = expectAndNote.substring(0, expectAndNote.indexOf(" / "));
                    String actual =
                            switch (result.kind) {
                                case ACCEPTED -> "ACCEPTED";
                                case FILTERED -> "FILTERED " + result.filterReason;
                                case REJECTED -> result.error.name();
                            };
                    assertThat(actual).as(expectAndNote + " -> " + result).isEqualTo(expect);
                });
    }

    private static Event accepted(String note) {
        return FIXTURES.entrySet().stream()
                .filter(e -> e.getKey().endsWith(note))
                .findFirst()
                .orElseThrow()
                .getValue()
                .event;
    }

    @Test
    void normalizesCodesAndEnrichesWithTheCountryOfTheIp() {
        Event e = accepted("lower-case currency and country");
        assertThat(e.currency).isEqualTo("GBP");
        assertThat(e.country).isEqualTo("GB");
        assertThat(e.geoCountry).isEqualTo("GB");
        assertThat(e.amount).isEqualTo(new BigDecimal("19.99"));
        assertThat(e.occurredAt).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(e.receivedAt).isEqualTo(Instant.ofEpochMilli(ARRIVAL));
    }

    @Test
    void trimsIdsAndReadsEpochMillis() {
        Event e = accepted("padded ids");
        assertThat(e.eventId).isEqualTo("fx-2");
        assertThat(e.userId).isEqualTo("u-2");
        assertThat(e.merchantId).isEqualTo("m-1");
        assertThat(e.occurredAt).isEqualTo(Instant.parse("2026-03-01T12:00:00.123Z"));
        assertThat(e.geoCountry).as("no ip, no lookup").isNull();
    }

    @Test
    void readsFractionalEpochSecondsAndOffsets() {
        assertThat(accepted("IPv6").occurredAt)
                .isEqualTo(Instant.parse("2026-03-01T12:00:00.500Z"));
        assertThat(accepted("IPv6").geoCountry).isNotNull();
        Event t = accepted("unknown extra field");
        assertThat(t.occurredAt).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(t.partitionKey()).isEqualTo("dev-00001");
        assertThat(t.value).isEqualTo(21.5);
    }

    @Test
    void rejectionMessagesSayWhatIsWrong() {
        FIXTURES.forEach(
                (k, r) -> {
                    if (r.kind == ProcessResult.Kind.REJECTED) {
                        assertThat(r.message).as(k).isNotBlank();
                    }
                });
        assertThat(rejection("amount as a string")).contains("$.amount").contains("number");
        assertThat(rejection("missing merchantId")).contains("merchantId");
        assertThat(rejection("no zone offset")).contains("zone offset");
        assertThat(rejection("ten years after arrival")).contains("after the record's arrival");
        assertThat(rejection("70 KB of notes")).contains("limit is 65536");
        assertThat(rejection("a lone continuation byte")).contains("invalid UTF-8 at byte");
        assertThat(rejection("no type")).isEqualTo("field 'type' is missing");
    }

    private static String rejection(String note) {
        return FIXTURES.entrySet().stream()
                .filter(e -> e.getKey().endsWith(note))
                .findFirst()
                .orElseThrow()
                .getValue()
                .message;
    }

    @Test
    void treatsEveryGeneratedRecordAsItsKindRequires() {
        TrafficGenerator generator =
                new TrafficGenerator(
                        GeneratorConfig.builder()
                                .seed(21)
                                .maxRecords(5000)
                                .malformedShare(0.1)
                                .build());
        int[] geoMisses = {0};
        int accepted = 0;
        long sequence = 0;
        while (generator.hasNext()) {
            GeneratedRecord g = generator.next();
            ProcessResult r = processor.process(TestSupport.raw(g, sequence++));
            String what = g + " -> " + r;
            if (g.kind() == RecordKind.MALFORMED) {
                assertThat(r.kind).as(what).isEqualTo(ProcessResult.Kind.REJECTED);
                assertThat(r.error.name()).as(what).isEqualTo(g.expectedError());
            } else if (g.kind() == RecordKind.INTERNAL) {
                assertThat(r.kind).as(what).isEqualTo(ProcessResult.Kind.FILTERED);
            } else {
                assertThat(r.kind).as(what).isEqualTo(ProcessResult.Kind.ACCEPTED);
                assertThat(r.event.eventId).isEqualTo(g.eventId());
                assertThat(r.event.partitionKey()).isEqualTo(g.partitionKey());
                if (g.kind() == RecordKind.VALID) { // a duplicate carries its original's time
                    assertThat(r.event.occurredAt.toEpochMilli())
                            .isBetween(
                                    g.eventTime().toEpochMilli() - 999,
                                    g.eventTime().toEpochMilli());
                }
                accepted++;
                geoMisses[0] += r.geoMiss ? 1 : 0;
            }
        }
        assertThat(accepted).isGreaterThan(4000);
        // Random public addresses: the database knows most of them.
        assertThat(geoMisses[0]).isLessThan(accepted / 4);
    }
}
