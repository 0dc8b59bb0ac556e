package dev.riffle.jobs.video;

import dev.riffle.common.config.JobConfig;
import dev.riffle.common.config.JobConfigLoader;
import dev.riffle.testing.Await;
import dev.riffle.testing.LocalAws;
import dev.riffle.testing.kinesis.KinesisMockExtension;
import dev.riffle.testing.kinesis.StreamRecord;
import dev.riffle.testing.kinesis.TestStream;
import dev.riffle.testing.kvs.LocalKvsEndpoint;
import dev.riffle.testing.kvs.RekognitionRecords;
import dev.riffle.testing.kvs.SyntheticFragment;
import dev.riffle.testing.kvs.SyntheticVideo;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job as configured by a user (its property-group file, {@link VideoEnrichmentJob#define}):
 * Rekognition records from kinesis-mock through Riffle's Kinesis source, fragments from a live
 * GetMedia endpoint through the KVS source, the camera registry from a file, and the three outputs
 * written by Riffle's Kinesis sink to kinesis-mock and read back with the plain SDK. Every
 * detection comes out with the right camera and absolute time, keyed by its camera; an edited
 * registry applies without a restart; the counts of a closed window are the detections of that
 * window; a bad record becomes a dead letter in the suite's envelope.
 */
class VideoEnrichmentITCase {
    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long COUNTS_WINDOW_MILLIS = 1000;

    @Test
    void enrichesEveryDetectionAndAppliesRegistryUpdatesWithoutRestart(@TempDir Path dir)
            throws Exception {
        TestStream rekognition = KINESIS.createStream(1);
        TestStream detectionsOut = KINESIS.createStream(1);
        TestStream countsOut = KINESIS.createStream(1);
        TestStream deadLettersOut = KINESIS.createStream(1);
        try (LocalKvsEndpoint kvs = LocalKvsEndpoint.start(Duration.ofMillis(300), 3)) {
            String door = kvs.createStream("door");
            SyntheticVideo video =
                    SyntheticVideo.builder().fragments(6).framesPerFragment(10).build();
            kvs.append("door", video.fragments());
            Path registry = dir.resolve("cameras.json");
            writeRegistry(registry, door, "hq");
            Path config = dir.resolve("video-enrichment.json");
            writeConfig(
                    config,
                    rekognition,
                    kvs,
                    door,
                    registry,
                    Map.of(
                            VideoEnrichmentOptions.DETECTIONS_SINK, detectionsOut,
                            VideoEnrichmentOptions.COUNTS_SINK, countsOut,
                            VideoEnrichmentOptions.DEAD_LETTERS_SINK, deadLettersOut));

            JobConfig jobConfig =
                    JobConfigLoader.builder(VideoEnrichmentOptions.SCHEMA)
                            .build()
                            .load(new String[] {"--config", config.toString()});
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            VideoEnrichmentJob.define(env, jobConfig);
            JobClient job = env.executeAsync("video-enrichment-it");
            try {
                // Phase 1: three records per fragment for the first three fragments.
                List<SyntheticFragment> fragments = video.fragments();
                for (SyntheticFragment f : fragments.subList(0, 3)) {
                    rekognition.put(
                            "door",
                            RekognitionRecords.faceSearch(door, f, 200, 99.0, "f-1", "alice"));
                    rekognition.put(
                            "door", RekognitionRecords.faceSearch(door, f, 500, 97.0, null, null));
                    rekognition.put(
                            "door", RekognitionRecords.label(door, f, 800, "PACKAGE", 93.0));
                }
                List<JsonNode> first =
                        Await.until(
                                DEADLINE,
                                () -> json(detectionsOut),
                                l -> l.size() >= 9,
                                "9 enriched detections");

                assertThat(first).hasSize(9);
                for (StreamRecord r : detectionsOut.readAll()) {
                    assertThat(r.partitionKey())
                            .as("partition key: the camera")
                            .isEqualTo("door-1");
                }
                for (JsonNode d : first) {
                    SyntheticFragment f = fragment(fragments, d.get("fragmentNumber").asText());
                    assertThat(d.get("camera").get("cameraId").asText()).isEqualTo("door-1");
                    assertThat(d.get("camera").get("site").asText()).isEqualTo("hq");
                    assertThat(d.get("frameTime").asLong())
                            .isEqualTo(
                                    f.producerTimestampMillis()
                                            + d.get("frameOffsetMillis").asLong());
                    assertThat(d.get("fragment").get("frameCount").asInt()).isEqualTo(10);
                    assertThat(d.get("replay").get("endTimestamp").asLong())
                            .isEqualTo(f.producerTimestampMillis() + f.durationMillis());
                    assertThat(d.get("flags").toString()).doesNotContain("FRAGMENT_NOT_SEEN");
                }
                assertThat(first.stream().filter(d -> d.get("flags").size() == 1)).hasSize(3);

                // Phase 2: the registry changes; the running job picks it up.
                writeRegistry(registry, door, "hq-annex");
                int[] offset = {0};
                Await.until(
                        DEADLINE,
                        () -> {
                            rekognition.put(
                                    "door",
                                    RekognitionRecords.label(
                                            door, fragments.get(3), offset[0]++, "PET", 90.0));
                            return json(detectionsOut).stream()
                                    .anyMatch(
                                            d ->
                                                    d.get("camera")
                                                            .get("site")
                                                            .asText()
                                                            .equals("hq-annex"));
                        },
                        b -> b,
                        "a detection enriched with the updated registry");
                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);

                // A record that is not Rekognition output is a dead letter, not a failure.
                rekognition.put("door", "{\"InputInformation\":{}}");
                JsonNode dead =
                        Await.until(
                                        DEADLINE,
                                        () -> json(deadLettersOut),
                                        l -> !l.isEmpty(),
                                        "a dead letter")
                                .get(0);
                assertThat(dead.get("errorType").asText()).isEqualTo("SCHEMA_VIOLATION");
                assertThat(dead.get("errorMessage").asText())
                        .isEqualTo("InputInformation.KinesisVideo.StreamArn is missing");
                assertThat(dead.get("shardId").asText()).startsWith("shardId-");
                assertThat(dead.get("sequenceNumber").asText()).isNotBlank();
                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
                assertThat(
                                new String(
                                        java.util.Base64.getDecoder()
                                                .decode(dead.get("rawBase64").asText()),
                                        java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo("{\"InputInformation\":{}}");
                assertThat(dead.get("jobName").asText()).isEqualTo("riffle-video-enrichment");
                assertThat(
                                json(detectionsOut).stream()
                                        .map(d -> d.get("detectionId").asText())
                                        .collect(Collectors.toList()))
                        .doesNotHaveDuplicates();

                // Counts: each closed window of phase 1 counts exactly its detections.
                long phase2Start = fragments.get(3).producerTimestampMillis();
                Map<Long, Long> expected = new java.util.TreeMap<>();
                for (JsonNode d : first) {
                    long t = d.get("frameTime").asLong();
                    long start = t - Math.floorMod(t, COUNTS_WINDOW_MILLIS);
                    if (start + COUNTS_WINDOW_MILLIS <= phase2Start) {
                        expected.merge(start, 1L, Long::sum);
                    }
                }
                assertThat(expected).isNotEmpty();
                Await.until(
                        DEADLINE,
                        () -> latestCounts(countsOut, expected.keySet()),
                        counts -> counts.equals(expected),
                        () -> "counts of door-1 per window " + expected);
                for (StreamRecord r : countsOut.readAll()) {
                    assertThat(r.partitionKey()).isEqualTo("door-1");
                }
            } finally {
                job.cancel().get();
            }
        }
    }

    /** Per window start, the detections of the newest counts record of door-1 for it. */
    private static Map<Long, Long> latestCounts(TestStream counts, java.util.Set<Long> windows)
            throws Exception {
        Map<Long, Long> latest = new java.util.TreeMap<>();
        for (JsonNode c : json(counts)) {
            long start = c.get("windowStart").asLong();
            if (c.get("camera").asText().equals("door-1") && windows.contains(start)) {
                latest.put(start, c.get("detections").asLong());
            }
        }
        return latest;
    }

    private static List<JsonNode> json(TestStream stream) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (StreamRecord r : stream.readAll()) {
            out.add(JSON.readTree(r.data()));
        }
        return out;
    }

    private static SyntheticFragment fragment(List<SyntheticFragment> all, String number) {
        return all.stream()
                .filter(f -> f.fragmentNumber().equals(number))
                .findFirst()
                .orElseThrow();
    }

    private static void writeRegistry(Path file, String arn, String site) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode camera = root.putArray("cameras").addObject();
        camera.put("streamArn", arn);
        camera.put("cameraId", "door-1");
        camera.put("site", site);
        camera.put("location", "front door");
        camera.put("timezone", "UTC");
        camera.put("owner", "facilities");
        camera.put("retentionDays", 30);
        Path tmp = Files.createTempFile(file.getParent(), "cameras", ".tmp");
        Files.writeString(tmp, root.toString());
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void writeConfig(
            Path file,
            TestStream rekognition,
            LocalKvsEndpoint kvs,
            String door,
            Path registry,
            Map<String, TestStream> sinks)
            throws Exception {
        ArrayNode groups = JSON.createArrayNode();
        Map<String, String> kinesis = new java.util.LinkedHashMap<>();
        kinesis.putAll(KINESIS.mock().connectorProperties(false));
        kinesis.put("stream.arn", rekognition.arn());
        kinesis.put("source.init.position", "TRIM_HORIZON");
        kinesis.put("source.shard.discovery.interval", "500 ms");
        kinesis.put("source.reader.empty-records-fetch-interval", "100 ms");
        group(groups, VideoEnrichmentOptions.REKOGNITION_SOURCE, kinesis);
        group(
                groups,
                VideoEnrichmentOptions.KVS_SOURCE,
                Map.of(
                        "stream.arn",
                        door,
                        "aws.endpoint",
                        kvs.endpoint().toString(),
                        "aws.credentials.provider",
                        "BASIC",
                        "aws.credentials.provider.basic.accesskeyid",
                        LocalAws.ACCESS_KEY_ID,
                        "aws.credentials.provider.basic.secretkey",
                        LocalAws.SECRET_ACCESS_KEY,
                        "source.init.position",
                        "EARLIEST",
                        "source.idle.reconnect-delay",
                        "200 ms"));
        group(
                groups,
                VideoEnrichmentOptions.CAMERA_REGISTRY,
                Map.of("path", registry.toString(), "poll-interval", "200 ms"));
        group(
                groups,
                VideoEnrichmentOptions.ENRICHMENT,
                Map.of(
                        "allowed-lateness",
                        "10 min",
                        "idleness",
                        "2 s",
                        "out-of-orderness",
                        "0 s",
                        "counts-window",
                        COUNTS_WINDOW_MILLIS + " ms"));
        sinks.forEach(
                (group, stream) -> {
                    Map<String, String> sink =
                            new java.util.LinkedHashMap<>(
                                    KINESIS.mock().connectorProperties(false));
                    sink.put("stream.arn", stream.arn());
                    sink.put("sink.flush-buffer.timeout", "100 ms");
                    group(groups, group, sink);
                });
        Files.writeString(file, groups.toString());
    }

    private static void group(ArrayNode groups, String id, Map<String, String> values) {
        ObjectNode g = groups.addObject();
        g.put("PropertyGroupId", id);
        ObjectNode map = g.putObject("PropertyMap");
        values.forEach(map::put);
    }
}
