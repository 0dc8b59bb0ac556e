package dev.riffle.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {
    private static final Path OVERRIDES = Path.of("/state/riffle.properties");

    @Test
    void theShippedDefaultsNameTheSuitesStreamsAndPorts() {
        Layout layout =
                new Layout(
                        Path.of(System.getProperty("riffle.repo.root")),
                        Path.of("/nonexistent-state"));
        Settings settings = Settings.load(layout);

        assertThat(settings.streams())
                .extracting(Settings.StreamSpec::name)
                .containsExactly(
                        "raw-events",
                        "events",
                        "dead-letters",
                        "alerts",
                        "detections",
                        "camera-counts",
                        "rekognition-results",
                        "riffle-smoke");
        assertThat(settings.port(Settings.KINESIS_PORT)).isEqualTo(4567);
        assertThat(settings.port(Settings.KINESIS_TLS_PORT)).isEqualTo(4568);
        assertThat(settings.port(Settings.S3_PORT)).isEqualTo(4569);
        assertThat(settings.get(Settings.S3_BUCKET)).isEqualTo("riffle-lake");
        assertThat(settings.get(Settings.AWS_REGION)).isEqualTo("us-east-1");
        assertThat(settings.startupTimeout()).hasSeconds(90);
        assertThat(settings.kinesisPersistInterval()).hasSeconds(60);
        assertThat(settings.flinkOverrides()).isEmpty();
    }

    @Test
    void theStateFoldersFileOverridesKeyByKey() throws Exception {
        Path repo = Files.createTempDirectory("repo");
        Path state = Files.createTempDirectory("state");
        Files.createDirectories(repo.resolve("deploy/local"));
        Files.writeString(
                repo.resolve("deploy/local/riffle.properties"),
                "kinesis.port = 4567\ns3.port = 4569\n");
        Files.writeString(
                state.resolve("riffle.properties"),
                "kinesis.port = 14567\nflink.rest.port = 18081\n");

        Settings settings = Settings.load(new Layout(repo, state));

        assertThat(settings.port(Settings.KINESIS_PORT)).isEqualTo(14567);
        assertThat(settings.port(Settings.S3_PORT)).isEqualTo(4569);
        assertThat(settings.flinkOverrides()).isEqualTo(Map.of("rest.port", "18081"));
    }

    @Test
    void streamsAreNameColonShardsWithOneShardByDefault() {
        Settings settings = new Settings(Map.of("streams", " a:2, b ,c:1"), OVERRIDES);

        assertThat(settings.streams())
                .isEqualTo(
                        List.of(
                                new Settings.StreamSpec("a", 2),
                                new Settings.StreamSpec("b", 1),
                                new Settings.StreamSpec("c", 1)));
    }

    @Test
    void badValuesNameTheKeyTheValueAndWhatIsAccepted() {
        assertThatThrownBy(() -> new Settings(Map.of("streams", "a:zero"), OVERRIDES).streams())
                .hasMessage(
                        "Invalid value a:zero for configuration streams: expected name:shards with"
                                + " shards >= 1. Accepted: e.g. raw-events:2, events:1");
        assertThatThrownBy(
                        () -> new Settings(Map.of("s3.port", "70000"), OVERRIDES).port("s3.port"))
                .hasMessage(
                        "Invalid value 70000 for configuration s3.port: not a port. Accepted: 1 to"
                                + " 65535.");
        assertThatThrownBy(
                        () ->
                                new Settings(Map.of("kinesis.persist.interval", "1s"), OVERRIDES)
                                        .kinesisPersistInterval())
                .hasMessage(
                        "Invalid value 1s for configuration kinesis.persist.interval: not a number"
                                + " of seconds. Accepted: whole seconds from 1, e.g. 60.");
        assertThatThrownBy(() -> new Settings(Map.of(), OVERRIDES).get("s3.bucket"))
                .hasMessage(
                        "Missing value for configuration s3.bucket: set it in"
                                + " /state/riffle.properties");
    }
}
