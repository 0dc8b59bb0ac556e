package dev.riffle.local.demo.sampling;

import dev.riffle.local.demo.Fixtures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SamplingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void liveSummaryShowsEachJobDeadLettersLakeAndAlerts() {
        String text = SummaryView.render(Fixtures.run(), Fixtures.T0 + 95_000);

        assertThat(text)
                .contains("riffle demo, 01:35")
                .containsPattern("ingestion +RUNNING +400 +385 +10 ms")
                .containsPattern("parquet-events +RUNNING +370 +370 +0 ms")
                .doesNotContain("sql-merchant-spike")
                .contains("dead letters: MALFORMED_JSON 2, OVERSIZE 1")
                .contains(
                        "lake: 2 files committed (3 rows of events), freshness p50 6.0 s max 12.0"
                                + " s")
                .contains(
                        "alerts: 1 (latest: merchant-spike m-0002, window to 2026-03-01T10:01:30Z,"
                                + " 5.0 s after its end)");
    }

    @Test
    void percentilesAreNearestRank() {
        Percentiles p = Percentiles.of(List.of(5L, 1L, 4L, 2L, 3L, 6L, 7L, 8L, 9L, 10L));

        assertThat(p).isEqualTo(new Percentiles(10, 5, 9, 10, 10));
        assertThat(Percentiles.of(List.of())).isEqualTo(Percentiles.NONE);
    }

    @Test
    void alertsAndDeadLettersAreReadFromTheSuitesJson() {
        var alert =
                Records.alert(
                                5_000,
                                ("{\"alertId\":\"3f1c\",\"what\":\"merchant-spike\",\"key\":\"m-0002\",\"window\":{\"start\":\"2025-03-01"
                                     + " 10:30:00.000\",\"end\":\"2025-03-01T10:31:00Z\"},\"explanation\":\"36"
                                     + " tx\"}")
                                        .getBytes(StandardCharsets.UTF_8))
                        .orElseThrow();
        assertThat(alert.windowStart())
                .isEqualTo(java.time.Instant.parse("2025-03-01T10:30:00Z").toEpochMilli());
        assertThat(alert.windowEnd())
                .isEqualTo(java.time.Instant.parse("2025-03-01T10:31:00Z").toEpochMilli());
        assertThat(alert.key()).isEqualTo("m-0002");

        var deadLetter =
                Records.deadLetter(
                                7,
                                "{\"version\":1,\"errorType\":\"OVERSIZE\",\"jobName\":\"riffle-ingestion\"}"
                                        .getBytes(StandardCharsets.UTF_8))
                        .orElseThrow();
        assertThat(deadLetter)
                .isEqualTo(new Recording.DeadLetterSeen(7, "riffle-ingestion", "OVERSIZE"));
        assertThat(Records.alert(1, "not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void labelsAreTheGeneratorsJsonLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("labels.jsonl");
        Files.writeString(
                file,
                "{\"kind\":\"merchant_volume_spike\",\"key\":\"m-0002\",\"start\":\"2026-03-01T10:00:30Z\",\"end\":\"2026-03-01T10:01:00Z\",\"factor\":6.0}\n");

        assertThat(Records.labels(file))
                .containsExactly(
                        new Recording.AnomalyLabel(
                                "merchant_volume_spike",
                                "m-0002",
                                Fixtures.T0 + 30_000,
                                Fixtures.T0 + 60_000));
        assertThat(Records.labels(dir.resolve("none.jsonl"))).isEmpty();
    }

    @Test
    void aRecordingSurvivesItsJsonFile(@TempDir Path dir) throws Exception {
        Recording run = Fixtures.run();
        Recorder.save(run, dir.resolve("recording.json"));

        assertThat(Recorder.load(dir.resolve("recording.json"))).isEqualTo(run);
    }

    @Test
    void recorderKeepsAnAlertOnceWhenKinesisDeliversItTwice() {
        Recorder recorder = new Recorder("r", 0, null);
        Recording.AlertSeen a = Fixtures.run().alerts().get(0);
        recorder.alert(a);
        recorder.alert(a);

        assertThat(recorder.snapshot().alerts()).containsExactly(a);
    }

    @Test
    void jobSamplerSumsSourcesAndSinkWritersOverSubtasks() throws Exception {
        Map<String, String> answers = new HashMap<>();
        answers.put(
                "/jobs/j1",
                "{\"state\":\"RUNNING\",\"vertices\":[{\"id\":\"v1\"},{\"id\":\"v2\"}]}");
        answers.put(
                "/jobs/j1/vertices/v1/subtasks/metrics",
                "[{\"id\":\"Source__raw-events.numRecordsIn\"},{\"id\":\"Source__raw-events.numRecordsOut\"},"
                    + "{\"id\":\"Source__raw-events.KinesisStreamSource.raw-events.shardId-0.millisBehindLatest\"},"
                    + "{\"id\":\"numRecordsIn\"}]");
        answers.put(
                "/jobs/j1/vertices/v1/subtasks/metrics?get=Source__raw-events.numRecordsIn,"
                    + "Source__raw-events.KinesisStreamSource.raw-events.shardId-0.millisBehindLatest&agg=sum,max",
                "[{\"id\":\"Source__raw-events.numRecordsIn\",\"sum\":120,\"max\":70},"
                    + "{\"id\":\"Source__raw-events.KinesisStreamSource.raw-events.shardId-0.millisBehindLatest\","
                    + "\"sum\":300,\"max\":250}]");
        answers.put(
                "/jobs/j1/vertices/v2/subtasks/metrics",
                "[{\"id\":\"events__Writer.numRecordsIn\"},{\"id\":\"events__Committer.numRecordsIn\"},"
                    + "{\"id\":\"Sink__dead-letters.numRecordsIn\"}]");
        answers.put(
                "/jobs/j1/vertices/v2/subtasks/metrics?get=events__Writer.numRecordsIn,"
                        + "Sink__dead-letters.numRecordsIn&agg=sum,max",
                "[{\"id\":\"events__Writer.numRecordsIn\",\"sum\":100},"
                        + "{\"id\":\"Sink__dead-letters.numRecordsIn\",\"sum\":15}]");
        JobSampler sampler =
                new JobSampler(
                        path -> {
                            String body = answers.get(path);
                            assertThat(body).as("unexpected request " + path).isNotNull();
                            JsonNode json = JSON.readTree(body);
                            return json;
                        });

        assertThat(sampler.sample("ingestion", "j1", 42))
                .isEqualTo(new Recording.JobSample(42, "ingestion", "RUNNING", 120, 115, 250));
    }

    @Test
    void onlyVisibleObjectsAreCommittedFiles() {
        assertThat(LakeWatcher.visible("events/type=click/part-1.parquet")).isTrue();
        assertThat(LakeWatcher.visible("events/type=click/.part-1.inprogress")).isFalse();
        assertThat(LakeWatcher.visible("events/_temporary/part-1.parquet")).isFalse();
    }
}
