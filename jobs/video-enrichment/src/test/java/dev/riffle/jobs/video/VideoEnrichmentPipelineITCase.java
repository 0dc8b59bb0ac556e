package dev.riffle.jobs.video;

import dev.riffle.common.event.RawRecord;
import dev.riffle.connector.kvs.KvsFragment;
import dev.riffle.connector.kvs.KvsSource;
import dev.riffle.jobs.video.io.OutputJson;
import dev.riffle.jobs.video.model.Camera;
import dev.riffle.jobs.video.model.RegistrySnapshot;
import dev.riffle.testing.kvs.RekognitionRecords;
import dev.riffle.testing.kvs.SyntheticFragment;
import dev.riffle.testing.kvs.SyntheticVideo;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline function on in-memory inputs and the KVS source in bounded mode (a synthetic MKV
 * file), at parallelism 2: every detection comes out enriched with the right camera, absolute frame
 * time and fragment; counts add up; a bad record becomes a dead letter.
 */
class VideoEnrichmentPipelineITCase {
    private static final String DOOR =
            "arn:aws:kinesisvideo:us-east-1:000000000000:stream/door/1700000000000";
    private static final Camera DOOR_CAMERA =
            new Camera(DOOR, "door-1", "hq", "front door", "UTC", "facilities", 30);

    @Test
    void everyDetectionIsEnrichedWithItsCameraFragmentAndAbsoluteTime(@TempDir Path dir)
            throws Exception {
        SyntheticVideo video = SyntheticVideo.builder().fragments(4).framesPerFragment(20).build();
        Path mkv = video.writeTo(dir.resolve("door.mkv"));
        List<String> records = new ArrayList<>();
        for (SyntheticFragment f : video.fragments()) {
            records.add(RekognitionRecords.faceSearch(DOOR, f, 300, 99.0, "f-alice", "alice"));
            records.add(RekognitionRecords.faceSearch(DOOR, f, 900, 96.0, null, null));
            records.add(RekognitionRecords.label(DOOR, f, 1500, "PERSON", 91.0));
        }
        records.add("{\"this is\": \"not rekognition\"}");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<RawRecord> rekognition =
                env.fromData(
                        records.stream()
                                .map(
                                        r ->
                                                new RawRecord(
                                                        r.getBytes(StandardCharsets.UTF_8),
                                                        "rekognition",
                                                        "shard-0",
                                                        "seq",
                                                        "pk",
                                                        0))
                                .collect(Collectors.toList()),
                        TypeInformation.of(RawRecord.class));
        // The KVS file names the stream by path; the job keys fragments by ARN.
        DataStream<KvsFragment> fragments =
                env.fromSource(
                                KvsSource.builder().files(mkv.toString()).build(),
                                WatermarkStrategy.noWatermarks(),
                                "kvs")
                        .map(
                                f -> {
                                    f.setStream(DOOR);
                                    return f;
                                });
        DataStream<RegistrySnapshot> registry =
                env.fromData(
                        List.of(RegistrySnapshot.of("v1", Map.of(DOOR, DOOR_CAMERA), 0)),
                        TypeInformation.of(RegistrySnapshot.class));
        VideoEnrichmentPipeline.Outputs out =
                VideoEnrichmentPipeline.build(
                        rekognition,
                        fragments,
                        registry,
                        new VideoEnrichmentSettings(
                                Duration.ofMinutes(1),
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(5),
                                90.0,
                                Duration.ofSeconds(2)));

        List<String> all =
                out.detections
                        .map(e -> "D" + OutputJson.detection(e))
                        .union(
                                out.counts.map(c -> "C" + OutputJson.counts(c)),
                                out.deadLetters.map(d -> "X" + OutputJson.deadLetter(d)))
                        .executeAndCollect(1000);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> detections = parse(json, all, 'D');
        List<JsonNode> counts = parse(json, all, 'C');
        List<JsonNode> dead = parse(json, all, 'X');

        assertThat(detections).hasSize(12);
        assertThat(detections.stream().map(d -> d.get("detectionId").asText()))
                .doesNotHaveDuplicates();
        for (JsonNode d : detections) {
            SyntheticFragment f =
                    video.fragments().stream()
                            .filter(
                                    x ->
                                            x.fragmentNumber()
                                                    .equals(d.get("fragmentNumber").asText()))
                            .findFirst()
                            .orElseThrow();
            assertThat(d.get("camera").get("cameraId").asText()).isEqualTo("door-1");
            assertThat(d.get("camera").get("site").asText()).isEqualTo("hq");
            assertThat(d.get("frameTime").asLong())
                    .isEqualTo(f.producerTimestampMillis() + d.get("frameOffsetMillis").asLong());
            assertThat(d.get("fragment").get("frameCount").asInt()).isEqualTo(20);
            assertThat(d.get("fragment").get("width").asInt()).isEqualTo(640);
            assertThat(d.get("replay").get("startTimestamp").asLong())
                    .isEqualTo(f.producerTimestampMillis());
            assertThat(d.get("replay").get("endTimestamp").asLong())
                    .isEqualTo(f.producerTimestampMillis() + f.durationMillis());
        }
        assertThat(
                        detections.stream()
                                .filter(d -> d.get("flags").toString().contains("UNKNOWN_FACE")))
                .hasSize(4);
        assertThat(detections.stream().filter(d -> d.get("flags").size() > 0)).hasSize(4);

        // Fragments are 2 s long and windows 2 s: one window per fragment, three detections each.
        Map<Long, Long> perWindow =
                counts.stream()
                        .collect(
                                Collectors.toMap(
                                        c -> c.get("windowStart").asLong(),
                                        c -> c.get("detections").asLong(),
                                        (a, b) -> b));
        assertThat(perWindow.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(12);
        assertThat(counts.stream().mapToLong(c -> c.get("unknownFaces").asLong()).sum())
                .isEqualTo(4);

        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).get("errorType").asText()).isEqualTo("SCHEMA_VIOLATION");
        assertThat(dead.get(0).get("errorMessage").asText())
                .contains("neither a face search record");
        assertThat(dead.get(0).get("jobName").asText()).isEqualTo("riffle-video-enrichment");
        assertThat(dead.get(0).get("shardId").asText()).isEqualTo("shard-0");
    }

    private static List<JsonNode> parse(ObjectMapper json, List<String> all, char kind) {
        List<JsonNode> out = new ArrayList<>();
        for (String s : all) {
            if (s.charAt(0) == kind) {
                try {
                    out.add(json.readTree(s.substring(1)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }
}
