package dev.riffle.connector.kvs.config;

import dev.riffle.connector.kvs.StartSelector;
import dev.riffle.connector.kvs.StartSelectorType;
import dev.riffle.connector.kvs.split.KvsSplit;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.IllegalConfigurationException;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KvsSourceConfigTest {
    private static final String ARN =
            "arn:aws:kinesisvideo:eu-west-1:123456789012:stream/door/1700000000000";

    @Test
    void pinsEveryKeyAndDefault() {
        Map<String, Object> defaults =
                KvsSourceOptions.all().stream()
                        .collect(
                                Collectors.toMap(
                                        ConfigOption::key,
                                        o -> o.hasDefaultValue() ? o.defaultValue() : "-",
                                        (a, b) -> a,
                                        LinkedHashMap::new));
        assertThat(defaults)
                .containsExactly(
                        Map.entry("stream.arn", "-"),
                        Map.entry("stream.name", "-"),
                        Map.entry("source.file.paths", "-"),
                        Map.entry("source.init.position", StartSelectorType.NOW),
                        Map.entry("source.init.fragment-number", "-"),
                        Map.entry("source.init.timestamp", "-"),
                        Map.entry("source.init.continuation-token", "-"),
                        Map.entry("source.frames.enabled", false),
                        Map.entry("source.get-media.max-calls-per-second", 5.0),
                        Map.entry("source.retry.initial-backoff", Duration.ofMillis(500)),
                        Map.entry("source.retry.max-backoff", Duration.ofSeconds(30)),
                        Map.entry("source.idle.reconnect-delay", Duration.ofSeconds(1)));
        assertThat(KvsSourceOptions.all())
                .allSatisfy(o -> assertThat(o.description().toString()).isNotBlank());
    }

    @Test
    void streamsByArnTakeTheirRegionFromTheArn() {
        KvsSourceConfig config =
                KvsSourceConfig.from(Map.of("stream.arn", ARN, "source.init.position", "EARLIEST"));

        assertThat(config.bounded()).isFalse();
        assertThat(config.splits()).containsExactly(KvsSplit.stream(ARN, StartSelector.earliest()));
        assertThat(config.aws().region()).contains("eu-west-1");
        assertThat(config.reader().minCallInterval()).isEqualTo(Duration.ofMillis(220));
    }

    @Test
    void timestampsAreEpochMillisOrIsoInstants() {
        KvsSourceConfig millis =
                KvsSourceConfig.from(
                        Map.of(
                                "stream.name", "door",
                                "aws.region", "us-east-1",
                                "source.init.position", "producer_timestamp",
                                "source.init.timestamp", "1700000000000"));
        KvsSourceConfig iso =
                KvsSourceConfig.from(
                        Map.of(
                                "stream.name", "door",
                                "aws.region", "us-east-1",
                                "source.init.position", "SERVER_TIMESTAMP",
                                "source.init.timestamp", "2023-11-14T22:13:20Z"));

        assertThat(millis.splits().get(0).initialSelector())
                .isEqualTo(StartSelector.producerTimestamp(1700000000000L));
        assertThat(iso.splits().get(0).initialSelector())
                .isEqualTo(StartSelector.serverTimestamp(1700000000000L));
    }

    @Test
    void filesMakeTheSourceBounded() {
        KvsSourceConfig config =
                KvsSourceConfig.from(Map.of("source.file.paths", "/a.mkv; s3://b/c.mkv"));

        assertThat(config.bounded()).isTrue();
        assertThat(config.splits())
                .containsExactly(KvsSplit.file("/a.mkv"), KvsSplit.file("s3://b/c.mkv"));
        assertThat(config.aws()).isNull();
    }

    @Test
    void reportsEveryProblemAtOnceNamingKeyValueAndWhatIsAccepted() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("stream.arn", "arn:aws:kinesis:us-east-1:123456789012:stream/events");
        bad.put("source.init.position", "FRAGMENT_NUMBER");
        bad.put("source.get-media.max-calls-per-second", "10");
        bad.put("source.retry.max-backoff", "100 ms");
        bad.put("source.init.postion", "NOW");
        bad.put("aws.credentials.provider.basic.secretkey", "s3cr3t-value");

        assertThatThrownBy(() -> KvsSourceConfig.from(bad))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("problems")
                .hasMessageContaining(
                        "Invalid value 'arn:aws:kinesis:us-east-1:123456789012:stream/events' for"
                                + " configuration stream.arn:"
                                + " 'arn:aws:kinesis:us-east-1:123456789012:stream/events' is not a"
                                + " Kinesis video stream ARN")
                .hasMessageContaining(
                        "Missing configuration source.init.fragment-number:"
                                + " source.init.position is FRAGMENT_NUMBER, which needs it")
                .hasMessageContaining(
                        "Invalid value '10' for configuration"
                            + " source.get-media.max-calls-per-second: KVS allows at most 5"
                            + " GetMedia calls per second per stream. Accepted: a number above 0"
                            + " and at most 5")
                .hasMessageContaining(
                        "configuration source.retry.max-backoff: it is shorter than"
                                + " source.retry.initial-backoff (500 ms)")
                .hasMessageContaining(
                        "configuration source.init.postion: unknown configuration key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-value"));
    }

    @Test
    void needsStreamsOrFilesButNotBoth() {
        assertThatThrownBy(() -> KvsSourceConfig.from(Map.of()))
                .hasMessageContaining("Missing configuration stream.arn");
        assertThatThrownBy(
                        () ->
                                KvsSourceConfig.from(
                                        Map.of("stream.arn", ARN, "source.file.paths", "a.mkv")))
                .hasMessageContaining("either streams (stream.arn, stream.name) or files");
        assertThatThrownBy(() -> KvsSourceConfig.from(Map.of("stream.name", "door")))
                .hasMessageContaining("Missing configuration aws.region");
    }

    @Test
    void listsSplitOnSemicolons() {
        KvsSourceConfig config =
                KvsSourceConfig.from(Map.of("stream.name", "door;yard", "aws.region", "us-east-1"));
        assertThat(config.splits()).extracting(KvsSplit::target).isEqualTo(List.of("door", "yard"));
    }
}
