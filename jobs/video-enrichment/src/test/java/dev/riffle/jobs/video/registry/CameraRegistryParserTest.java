package dev.riffle.jobs.video.registry;

import dev.riffle.jobs.video.model.Camera;
import dev.riffle.jobs.video.model.RegistrySnapshot;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CameraRegistryParserTest {
    private static final String ARN = "arn:aws:kinesisvideo:us-east-1:000000000000:stream/door/1";

    private static RegistrySnapshot parse(String json) {
        return CameraRegistryParser.parse(json.getBytes(StandardCharsets.UTF_8), 5);
    }

    @Test
    void readsCamerasByStreamArnWithAContentVersion() {
        String json =
                "{\"cameras\":[{\"streamArn\":\""
                        + ARN
                        + "\",\"cameraId\":\"door-1\",\"site\":\"hq\",\"location\":\"front\","
                        + "\"timezone\":\"Europe/Paris\",\"owner\":\"facilities\","
                        + "\"retentionDays\":30}]}";

        RegistrySnapshot s = parse(json);

        assertThat(s.isValid()).isTrue();
        assertThat(s.cameras)
                .containsExactly(
                        java.util.Map.entry(
                                ARN,
                                new Camera(
                                        ARN,
                                        "door-1",
                                        "hq",
                                        "front",
                                        "Europe/Paris",
                                        "facilities",
                                        30)));
        assertThat(s.version).hasSize(16).isEqualTo(parse(json).version);
        assertThat(parse(json.replace("hq", "hq2")).version).isNotEqualTo(s.version);
    }

    @Test
    void rejectsTheWholeRegistryListingEveryProblem() {
        RegistrySnapshot s =
                parse(
                        "{\"cameras\":[{\"streamArn\":\"a\",\"cameraId\":\"x\",\"timezone\":\"Mars/Base\"},"
                            + "{\"cameraId\":\"y\"},{\"streamArn\":\"a\",\"cameraId\":\"x\"}]}");

        assertThat(s.isValid()).isFalse();
        assertThat(s.error)
                .contains("cameras[0].timezone 'Mars/Base' is not a time zone id")
                .contains("cameras[1].streamArn is missing")
                .contains("cameras[2].streamArn a is listed twice")
                .contains("cameras[2].cameraId x is used twice");
        assertThat(parse("not json").error).startsWith("the registry is not JSON");
        assertThat(parse("{}").error).contains("no \"cameras\" array");
    }
}
