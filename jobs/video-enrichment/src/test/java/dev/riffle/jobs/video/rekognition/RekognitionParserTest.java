package dev.riffle.jobs.video.rekognition;

import dev.riffle.common.deadletter.ErrorType;
import dev.riffle.common.event.RawRecord;
import dev.riffle.jobs.video.model.Detection;
import dev.riffle.testing.kvs.RekognitionRecords;
import dev.riffle.testing.kvs.SyntheticFragment;
import dev.riffle.testing.kvs.SyntheticVideo;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RekognitionParserTest {
    private static final String ARN =
            "arn:aws:kinesisvideo:us-east-1:000000000000:stream/door/1700000000000";
    private static final SyntheticFragment FRAGMENT =
            SyntheticVideo.builder().fragments(1).build().fragments().get(0);
    private final RekognitionParser parser = new RekognitionParser();

    private static RawRecord raw(String json) {
        return new RawRecord(
                json.getBytes(StandardCharsets.UTF_8), "rekognition", "shard-0", "49-1", "pk", 7L);
    }

    @Test
    void faceSearchRecordBecomesOneFaceDetectionWithItsBestMatch() throws Exception {
        List<Detection> out =
                parser.parse(
                        raw(
                                RekognitionRecords.faceSearch(
                                        ARN, FRAGMENT, 400, 99.5, "f-1", "alice")));

        assertThat(out).hasSize(1);
        Detection d = out.get(0);
        assertThat(d.kind).isEqualTo(Detection.Kind.FACE);
        assertThat(d.streamArn).isEqualTo(ARN);
        assertThat(d.fragmentNumber).isEqualTo(FRAGMENT.fragmentNumber());
        assertThat(d.producerTimestampMillis).isEqualTo(FRAGMENT.producerTimestampMillis());
        assertThat(d.serverTimestampMillis).isEqualTo(FRAGMENT.serverTimestampMillis());
        assertThat(d.frameOffsetMillis).isEqualTo(400);
        assertThat(d.frameTimeMillis).isEqualTo(FRAGMENT.producerTimestampMillis() + 400);
        assertThat(d.confidence).isEqualTo(99.5);
        assertThat(d.matchedFaceId).isEqualTo("f-1");
        assertThat(d.matchedExternalImageId).isEqualTo("alice");
        assertThat(d.similarity).isEqualTo(98.7);
        assertThat(d.boxLeft).isEqualTo(0.41);
        assertThat(d.sourceShard).isEqualTo("shard-0");
        assertThat(d.sourceSequenceNumber).isEqualTo("49-1");
        assertThat(d.detectionId)
                .isEqualTo(
                        parser.parse(
                                        raw(
                                                RekognitionRecords.faceSearch(
                                                        ARN, FRAGMENT, 400, 99.5, "f-1", "alice")))
                                .get(0)
                                .detectionId)
                .as("stable across parses");
    }

    @Test
    void unmatchedFaceHasNoMatch() throws Exception {
        Detection d =
                parser.parse(raw(RekognitionRecords.faceSearch(ARN, FRAGMENT, 0, 95, null, null)))
                        .get(0);
        assertThat(d.matchedFaceId).isNull();
        assertThat(d.isUnmatchedFace()).isTrue();
    }

    @Test
    void labelEventBecomesLabelDetectionsWithMillisecondOffsets() throws Exception {
        Detection d =
                parser.parse(raw(RekognitionRecords.label(ARN, FRAGMENT, 1234, "PERSON", 97.25)))
                        .get(0);

        assertThat(d.kind).isEqualTo(Detection.Kind.LABEL);
        assertThat(d.label).isEqualTo("PERSON");
        assertThat(d.confidence).isEqualTo(97.25);
        assertThat(d.fragmentNumber).isEqualTo(FRAGMENT.fragmentNumber());
        assertThat(d.frameTimeMillis).isEqualTo(FRAGMENT.producerTimestampMillis() + 1234);
        assertThat(d.boxWidth).isEqualTo(0.25);
    }

    @Test
    void badRecordsSayWhatIsWrong() {
        assertThatThrownBy(() -> parser.parse(raw("{not json")))
                .isInstanceOfSatisfying(
                        BadRecordException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.MALFORMED_JSON))
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> parser.parse(raw("[1,2]"))).hasMessage("not a JSON object");
        assertThatThrownBy(() -> parser.parse(raw("{\"hello\":1}")))
                .isInstanceOfSatisfying(
                        BadRecordException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.SCHEMA_VIOLATION))
                .hasMessageContaining("neither a face search record");
        assertThatThrownBy(
                        () ->
                                parser.parse(
                                        raw(
                                                "{\"InputInformation\":{\"KinesisVideo\":"
                                                        + "{\"StreamArn\":\"a\"}}}")))
                .hasMessage("InputInformation.KinesisVideo.FragmentNumber is missing");
        assertThatThrownBy(
                        () ->
                                parser.parse(
                                        raw(
                                                "{\"inputInformation\":{\"kinesisVideo\":"
                                                        + "{\"streamArn\":\"a\"}},\"labels\":"
                                                        + "[{\"name\":\"PET\"}]}")))
                .hasMessage("labels[0].videoMapping.fragmentNumber is missing");
    }
}
