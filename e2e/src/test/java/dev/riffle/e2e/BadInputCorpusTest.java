package dev.riffle.e2e;

import dev.riffle.common.event.EventSchemas;
import dev.riffle.common.event.RawRecord;
import dev.riffle.jobs.ingestion.config.IngestionConfig;
import dev.riffle.jobs.ingestion.process.GeoLookup;
import dev.riffle.jobs.ingestion.process.ProcessResult;
import dev.riffle.jobs.ingestion.process.RecordProcessor;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus through ingestion's record processor, without Flink or Kinesis: a fast check
 * of every line's error type and reason ({@link BadInputCorpusITCase} sends the same lines through
 * the running job). KPL aggregates are unpacked by the Kinesis source, so only the ITCase covers
 * them.
 */
class BadInputCorpusTest {
    private static final Instant ARRIVAL = Instant.parse("2026-03-01T12:00:05Z");

    @Test
    void theCorpusHasAtLeastTwentyKindsOfBadRecordWithUniqueNames() {
        List<BadInputCorpus.Entry> corpus = BadInputCorpus.load();
        Set<String> kinds = new HashSet<>();
        corpus.forEach(e -> assertThat(kinds.add(e.kind())).as("unique kind %s", e).isTrue());
        assertThat(corpus.stream().filter(e -> !e.accepted())).hasSizeGreaterThanOrEqualTo(20);
        assertThat(corpus)
                .filteredOn(e -> !e.accepted())
                .allSatisfy(e -> assertThat(e.reason()).as("reason of %s", e).isNotBlank());
    }

    @Test
    void everyRecordGetsItsErrorTypeAndReason() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        try (RecordProcessor processor =
                new RecordProcessor(
                        IngestionConfig.defaults(), EventSchemas.load(), GeoLookup.NONE)) {
            for (BadInputCorpus.Entry e : BadInputCorpus.load()) {
                if (e.kind().contains("kpl-")) {
                    continue;
                }
                ProcessResult result =
                        processor.process(
                                new RawRecord(
                                        e.data(),
                                        "raw-events",
                                        "shardId-000000000000",
                                        "1",
                                        e.partitionKey(),
                                        ARRIVAL.toEpochMilli()));
                if (e.accepted()) {
                    softly.assertThat(result.kind)
                            .as("%s: %s", e, result)
                            .isEqualTo(ProcessResult.Kind.ACCEPTED);
                    softly.assertThat(result.event == null ? null : List.of(result.event.eventId))
                            .isEqualTo(e.eventIds());
                } else {
                    softly.assertThat(result.kind)
                            .as("%s: %s", e, result)
                            .isEqualTo(ProcessResult.Kind.REJECTED);
                    softly.assertThat(String.valueOf(result.error))
                            .as("%s: %s", e, result)
                            .isEqualTo(e.expect());
                    softly.assertThat(result.message).as("%s: %s", e, result).contains(e.reason());
                }
            }
        }
        softly.assertAll();
    }
}
