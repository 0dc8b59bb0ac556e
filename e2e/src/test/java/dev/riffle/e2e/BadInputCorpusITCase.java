package dev.riffle.e2e;

import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.jobs.ingestion.IngestionJob;
import dev.riffle.jobs.ingestion.config.IngestionOptions;
import dev.riffle.testdata.GeneratedRecord;
import dev.riffle.testdata.GeneratorConfig;
import dev.riffle.testdata.RecordKind;
import dev.riffle.testdata.TrafficGenerator;
import dev.riffle.testing.Await;
import dev.riffle.testing.flink.LocalFlinkCluster;
import dev.riffle.testing.kinesis.KinesisMockExtension;
import dev.riffle.testing.kinesis.TestStream;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every line of the bad-input corpus ({@link BadInputCorpus}), each after a valid generated event,
 * written to {@code [raw-events]} on kinesis-mock and read by the ingestion job as deployed ({@link
 * IngestionJob#define}, parallelism 2): each bad record is one dead letter on {@code
 * [dead-letters]} with its error type and reason, every valid record (generated or an accepted edge
 * case, including both events of a valid KPL aggregate) is on {@code [events]} once, and the job
 * never restarted.
 */
class BadInputCorpusITCase {
    static final Duration DEADLINE = Duration.ofSeconds(90);

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();
    @RegisterExtension static final LocalFlinkCluster FLINK = Pipelines.cluster(1, 2);

    @TempDir Path dir;

    @Test
    void everyBadRecordIsDeadLetteredWithItsReasonAndTheJobNeverRestarts() throws Exception {
        List<BadInputCorpus.Entry> corpus = BadInputCorpus.load();
        List<GeneratedRecord> valid = new ArrayList<>();
        new TrafficGenerator(
                        GeneratorConfig.builder()
                                .seed(20)
                                .maxRecords(corpus.size())
                                .malformedShare(0)
                                .duplicateShare(0)
                                .internalShare(0)
                                .build())
                .forEachRemaining(valid::add);
        assertThat(valid).allMatch(r -> r.kind() == RecordKind.VALID);

        TestStream raw = KINESIS.createStream("raw-events", 2);
        TestStream events = KINESIS.createStream("events", 1);
        TestStream deadLetters = KINESIS.createStream("dead-letters", 1);
        Map<String, String> connection = KINESIS.mock().connectorProperties(false);
        StreamExecutionEnvironment env = Pipelines.env(Duration.ofSeconds(1));
        IngestionJob.define(
                env,
                new PropertyGroups()
                        .group(
                                IngestionOptions.SOURCE_GROUP,
                                Pipelines.source(connection, raw.arn()))
                        .group(
                                IngestionOptions.EVENTS_GROUP,
                                Pipelines.sink(connection, events.arn()))
                        .group(
                                IngestionOptions.DEAD_LETTERS_GROUP,
                                Pipelines.sink(connection, deadLetters.arn()))
                        .group(IngestionOptions.GROUP, Pipelines.ingestion())
                        .load(IngestionOptions.SCHEMA, dir.resolve("ingestion.json")));
        JobID job = FLINK.submit(env, "ingestion");

        try {
            // A valid event, then a corpus line, and so on: bad records sit between good ones.
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < corpus.size(); i++) {
                entries.add(entry(valid.get(i).partitionKey(), valid.get(i).data()));
                entries.add(entry(corpus.get(i).partitionKey(), corpus.get(i).data()));
            }
            for (int i = 0; i < entries.size(); i += 25) {
                raw.putAll(entries.subList(i, Math.min(entries.size(), i + 25)));
            }

            Set<String> expectedIds = new HashSet<>();
            valid.forEach(r -> expectedIds.add(r.eventId()));
            corpus.forEach(e -> expectedIds.addAll(e.eventIds()));
            List<String> eventIds =
                    Await.until(
                            DEADLINE,
                            () -> events.readAll().stream().map(StreamRecords::eventId).toList(),
                            ids -> ids.containsAll(expectedIds),
                            () -> expectedIds.size() + " events");
            long bad = corpus.stream().filter(e -> !e.accepted()).count();
            List<DeadLetter> letters =
                    Await.until(
                            DEADLINE,
                            () ->
                                    deadLetters.readAll().stream()
                                            .map(StreamRecords::deadLetter)
                                            .toList(),
                            l -> l.size() >= bad,
                            () -> bad + " dead letters");

            assertThat(eventIds)
                    .as("every valid record once, nothing else")
                    .containsExactlyInAnyOrderElementsOf(expectedIds);
            Map<String, DeadLetter> byRaw = new LinkedHashMap<>();
            for (DeadLetter d : letters) {
                assertThat(byRaw.put(StreamRecords.base64(d.raw), d))
                        .as("one dead letter per record")
                        .isNull();
            }
            assertThat(letters).hasSize((int) bad);
            SoftAssertions softly = new SoftAssertions();
            Map<String, Integer> perType = new HashMap<>();
            for (BadInputCorpus.Entry e : corpus) {
                if (e.accepted()) {
                    continue;
                }
                DeadLetter d = byRaw.get(StreamRecords.base64(e.data()));
                softly.assertThat(d).as("dead letter of %s", e).isNotNull();
                if (d != null) {
                    softly.assertThat(d.errorType).as("error type of %s", e).isEqualTo(e.expect());
                    softly.assertThat(d.errorMessage).as("reason of %s", e).contains(e.reason());
                    softly.assertThat(d.partitionKey)
                            .as("partition key of %s", e)
                            .isEqualTo(e.partitionKey());
                    softly.assertThat(d.sourceStream).isEqualTo(raw.arn());
                    softly.assertThat(d.sequenceNumber).isNotBlank();
                    perType.merge(d.errorType, 1, Integer::sum);
                }
            }
            softly.assertAll();

            assertThat(FLINK.status(job)).isEqualTo(JobStatus.RUNNING);
            assertThat(FLINK.restarted(job)).as("the job restarted because of data").isFalse();
            System.out.printf(
                    "RELIABILITY bad-input kinds=%d deadLetters=%d byType=%s events=%d%n",
                    bad, letters.size(), perType, eventIds.size());
        } finally {
            FLINK.cancel(job);
        }
    }

    private static PutRecordsRequestEntry entry(String partitionKey, byte[] data) {
        return PutRecordsRequestEntry.builder()
                .partitionKey(partitionKey)
                .data(SdkBytes.fromByteArray(data))
                .build();
    }
}
