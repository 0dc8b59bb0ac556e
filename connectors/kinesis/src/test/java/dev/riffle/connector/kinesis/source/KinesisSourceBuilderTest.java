package dev.riffle.connector.kinesis.source;

import dev.riffle.connector.kinesis.source.config.KinesisSourceOptions;
import dev.riffle.connector.kinesis.source.config.KinesisSourceOptions.InitialPosition;
import dev.riffle.connector.kinesis.source.split.StartingPosition;

import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.MemorySize;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad configuration fails at build time, naming the key, the value, why, and what is accepted. */
class KinesisSourceBuilderTest {

    private static final String ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/events";

    private static KinesisSourceBuilder<String> valid() {
        return KinesisSource.<String>builder()
                .streamArn(ARN)
                .deserializationSchema(new SimpleStringSchema());
    }

    @Test
    void optionsKeepTheOfficialKeysAndDefaults() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("source.init.position", InitialPosition.LATEST);
        expected.put("source.init.timestamp", null);
        expected.put("source.init.timestamp.format", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        expected.put("source.shard.discovery.interval", Duration.ofSeconds(10));
        expected.put("source.shard.get-records.max-record-count", 10_000);
        expected.put("source.reader.type", KinesisSourceOptions.ReaderType.POLLING);
        expected.put("source.reader.empty-records-fetch-interval", Duration.ofMillis(250));
        expected.put("source.reader.nonempty-records-fetch-interval", Duration.ZERO);
        expected.put("source.shard.get-records.min-interval", Duration.ofMillis(200));
        expected.put("source.shard.get-records.max-bytes-per-second", MemorySize.parse("2mb"));
        expected.put("source.shard.assigner", KinesisSourceOptions.ShardAssignerType.UNIFORM);
        expected.put("source.efo.lifecycle", KinesisSourceOptions.ConsumerLifecycle.JOB_MANAGED);
        expected.put("source.efo.consumer.name", null);
        expected.put("source.efo.subscription.timeout", Duration.ofSeconds(60));
        expected.put("source.efo.describe.retry-strategy.delay.min", Duration.ofSeconds(2));
        expected.put("source.efo.describe.retry-strategy.delay.max", Duration.ofSeconds(60));
        expected.put("source.efo.describe.retry-strategy.attempts.max", 100);

        Map<String, Object> actual = new LinkedHashMap<>();
        for (ConfigOption<?> o : KinesisSourceOptions.all()) {
            actual.put(o.key(), o.hasDefaultValue() ? o.defaultValue() : null);
            assertThat(o.description().toString()).as(o.key()).isNotBlank();
        }
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @Test
    void aMinimalSourceBuildsWithTheDocumentedDefaults() {
        Instant before = Instant.now();
        KinesisSource<String> source = valid().build();
        var s = source.settings();
        assertThat(s.initialPosition).isEqualTo(InitialPosition.LATEST);
        assertThat(s.initialTimestamp).isBetween(before, Instant.now());
        assertThat(s.aws.region()).isEmpty();
        assertThat(s.stream.region()).isEqualTo("us-east-1");
    }

    @Test
    void aMissingStreamAndSchemaAreBothReported() {
        assertThatThrownBy(() -> KinesisSource.<String>builder().build())
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("Missing configuration stream.arn: no stream is configured")
                .hasMessageContaining("Missing deserialization schema");
    }

    @Test
    void atTimestampWithoutATimestampIsReported() {
        assertThatThrownBy(() -> valid().initialPosition(InitialPosition.AT_TIMESTAMP).build())
                .hasMessageContaining(
                        "Missing configuration source.init.timestamp: source.init.position is"
                                + " AT_TIMESTAMP, which needs a start time");
    }

    @Test
    void anUnparseableTimestampNamesTheFormat() {
        assertThatThrownBy(
                        () ->
                                valid().set("source.init.position", "AT_TIMESTAMP")
                                        .set("source.init.timestamp", "yesterday")
                                        .build())
                .hasMessageContaining(
                        "Invalid value 'yesterday' for configuration source.init.timestamp: it is"
                                + " neither in the format 'yyyy-MM-dd'T'HH:mm:ss.SSSXXX' nor"
                                + " seconds since the epoch");
    }

    @Test
    void timestampsParseInTheFormatOrAsEpochSeconds() {
        assertThat(
                        valid().set("source.init.position", "AT_TIMESTAMP")
                                .set("source.init.timestamp", "2024-05-01T10:00:00.000Z")
                                .build()
                                .settings()
                                .initialStartingPosition())
                .isEqualTo(StartingPosition.atTimestamp(Instant.parse("2024-05-01T10:00:00Z")));
        assertThat(
                        valid().initialTimestamp(Instant.ofEpochMilli(1_714_557_600_500L))
                                .build()
                                .settings()
                                .initialStartingPosition())
                .isEqualTo(StartingPosition.atTimestamp(Instant.ofEpochMilli(1_714_557_600_500L)));
    }

    @Test
    void unknownSourceOptionsAreRejectedWithTheKnownKeys() {
        assertThatThrownBy(() -> valid().set("source.init.postion", "LATEST").build())
                .hasMessageContaining(
                        "Invalid value 'LATEST' for configuration source.init.postion: unknown"
                                + " configuration key (is it misspelled?). Accepted: the keys")
                .hasMessageContaining("source.init.position");
    }

    @Test
    void aBadRegionAndABadEnumAreReportedTogether() {
        assertThatThrownBy(
                        () ->
                                KinesisSource.<String>builder()
                                        .streamName("events")
                                        .region("us-east")
                                        .set("source.reader.type", "FANOUT")
                                        .deserializationSchema(new SimpleStringSchema())
                                        .build())
                .hasMessageContaining(
                        "Invalid value 'us-east' for configuration aws.region: it is not an AWS"
                                + " region id")
                .hasMessageContaining(
                        "Invalid value 'FANOUT' for configuration source.reader.type: it is not a"
                                + " known value. Accepted: POLLING, EFO");
    }

    @Test
    void efoNeedsAConsumerName() {
        assertThatThrownBy(() -> valid().set("source.reader.type", "EFO").build())
                .hasMessageContaining(
                        "Missing configuration source.efo.consumer.name: source.reader.type is"
                                + " EFO");
    }

    @Test
    void getRecordsLimitIsChecked() {
        assertThatThrownBy(
                        () ->
                                valid().set("source.shard.get-records.max-record-count", "20000")
                                        .build())
                .hasMessageContaining(
                        "Invalid value '20000' for configuration"
                                + " source.shard.get-records.max-record-count: GetRecords returns 1"
                                + " to 10000 records. Accepted: an integer 1 to 10000");
    }

    @Test
    void secretsDoNotAppearInBuildErrors() {
        assertThatThrownBy(
                        () ->
                                valid().set("aws.credentials.provider", "BASIC")
                                        .set(
                                                "aws.credentials.provider.basic.secretkey",
                                                "s3cr3t-value")
                                        .build())
                .hasMessageContaining("aws.credentials.provider.basic.accesskeyid")
                .hasMessageNotContaining("s3cr3t-value");
    }
}
