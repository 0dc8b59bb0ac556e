package dev.riffle.jobs.video;

import dev.riffle.common.config.ConfigSchemaMarkdown;
import dev.riffle.common.config.InvalidConfigurationException;
import dev.riffle.common.config.JobConfig;
import dev.riffle.common.config.JobConfigLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VideoEnrichmentOptionsTest {

    @Test
    void pinsTheEnrichmentDefaults() {
        VideoEnrichmentSettings d = VideoEnrichmentSettings.defaults();
        assertThat(d.allowedLateness).isEqualTo(Duration.ofMinutes(2));
        assertThat(d.outOfOrderness).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.idleness).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.unknownFaceConfidence).isEqualTo(90.0);
        assertThat(d.countsWindow).isEqualTo(Duration.ofMinutes(1));
        assertThat(VideoEnrichmentOptions.REGISTRY_POLL_INTERVAL.defaultValue())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(VideoEnrichmentOptions.SCHEMA.qualifiedKeys())
                .contains(
                        "camera-registry.path",
                        "camera-registry.poll-interval",
                        "enrichment.allowed-lateness",
                        "enrichment.out-of-orderness",
                        "enrichment.idleness",
                        "enrichment.unknown-face-confidence",
                        "enrichment.counts-window");
    }

    @Test
    void theBundledLocalConfigurationLoads() {
        JobConfig config =
                JobConfigLoader.builder(VideoEnrichmentOptions.SCHEMA)
                        .defaultResource("video-enrichment-local.json")
                        .msfPropertiesFile(Path.of("/nonexistent/application_properties.json"))
                        .build()
                        .load(new String[0]);

        assertThat(VideoEnrichmentJob.settings(config).allowedLateness)
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(
                        config.group(VideoEnrichmentOptions.CAMERA_REGISTRY)
                                .get(VideoEnrichmentOptions.REGISTRY_PATH))
                .isEqualTo("/tmp/riffle-demo/cameras.json");
    }

    @Test
    void badValuesAreReportedWithKeyAndWhatIsAccepted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(
                file,
                "[{\"PropertyGroupId\":\"rekognition-source\",\"PropertyMap\":{}},"
                        + "{\"PropertyGroupId\":\"kvs-source\",\"PropertyMap\":{}},"
                        + "{\"PropertyGroupId\":\"camera-registry\",\"PropertyMap\":{}},"
                        + "{\"PropertyGroupId\":\"enrichment\",\"PropertyMap\":"
                        + "{\"unknown-face-confidence\":\"150\"}}]");

        assertThatThrownBy(
                        () ->
                                JobConfigLoader.builder(VideoEnrichmentOptions.SCHEMA)
                                        .build()
                                        .load(new String[] {"--config", file.toString()}))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("camera-registry.path")
                .hasMessageContaining("'150'")
                .hasMessageContaining("enrichment.unknown-face-confidence");
    }

    @Test
    void rendersTheReadmeTable() {
        assertThat(ConfigSchemaMarkdown.render(VideoEnrichmentOptions.SCHEMA))
                .contains("camera-registry")
                .contains("unknown-face-confidence");
    }
}
