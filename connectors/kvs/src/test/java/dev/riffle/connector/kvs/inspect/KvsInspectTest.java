package dev.riffle.connector.kvs.inspect;

import dev.riffle.testing.kvs.SyntheticFragment;
import dev.riffle.testing.kvs.SyntheticVideo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KvsInspectTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return KvsInspect.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> lines() {
        String text = out.toString(StandardCharsets.UTF_8).trim();
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    @Test
    void printsOneJsonLinePerFragment(@TempDir Path dir) throws IOException {
        SyntheticVideo video = SyntheticVideo.builder().fragments(3).framesPerFragment(10).build();
        Path file = video.writeTo(dir.resolve("capture.mkv"));

        int status = run(file.toString());

        assertThat(status).isZero();
        assertThat(lines()).hasSize(3);
        JsonNode second = new ObjectMapper().readTree(lines().get(1));
        SyntheticFragment expected = video.fragments().get(1);
        assertThat(second.get("fragmentNumber").asText()).isEqualTo(expected.fragmentNumber());
        assertThat(second.get("serverTimestamp").asLong())
                .isEqualTo(expected.serverTimestampMillis());
        assertThat(second.get("producerTimestamp").asLong())
                .isEqualTo(expected.producerTimestampMillis());
        assertThat(second.get("frameCount").asInt()).isEqualTo(10);
        assertThat(second.get("durationMillis").asLong()).isEqualTo(1000);
        assertThat(second.get("tracks").get(0).get("codec").asText()).isEqualTo("V_MPEG4/ISO/AVC");
        assertThat(second.get("tracks").get(0).get("width").asInt()).isEqualTo(640);
        assertThat(second.has("frames")).isFalse();
    }

    @Test
    void framesOptionAddsFrameMetadata(@TempDir Path dir) throws IOException {
        Path file = SyntheticVideo.builder().fragments(1).build().writeTo(dir.resolve("a.mkv"));

        assertThat(run("--frames", file.toString())).isZero();

        JsonNode only = new ObjectMapper().readTree(lines().get(0));
        assertThat(only.get("frames")).hasSize(10);
        assertThat(only.get("frames").get(0).get("keyFrame").asBoolean()).isTrue();
    }

    @Test
    void truncatedFilePrintsCompleteFragmentsAndExitsTwo(@TempDir Path dir) throws IOException {
        byte[] mkv = SyntheticVideo.builder().fragments(3).build().mkv();
        Path file = Files.write(dir.resolve("cut.mkv"), Arrays.copyOf(mkv, mkv.length - 300));

        assertThat(run(file.toString())).isEqualTo(2);
        assertThat(lines()).hasSize(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cut.mkv").contains("ended");
    }

    @Test
    void missingFileAndNoArgumentsAreUsageErrors() {
        assertThat(run("/no/such/file.mkv")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("no such file: /no/such/file.mkv");
        assertThat(run()).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: kvs-inspect");
    }
}
