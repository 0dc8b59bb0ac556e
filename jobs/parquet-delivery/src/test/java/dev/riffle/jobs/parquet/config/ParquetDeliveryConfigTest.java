package dev.riffle.jobs.parquet.config;

import dev.riffle.common.config.InvalidConfigurationException;
import dev.riffle.common.config.JobConfig;
import dev.riffle.common.config.JobConfigLoader;
import dev.riffle.jobs.parquet.sink.ParquetSettings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParquetDeliveryConfigTest {

    @TempDir Path dir;

    @Test
    void pinsEveryKey() {
        assertThat(ParquetDeliveryConfig.SCHEMA.qualifiedKeys())
                .containsExactly(
                        "lake.path",
                        "lake.prefix",
                        "lake.error-prefix",
                        "lake.partition-keys",
                        "lake.timestamp.source",
                        "lake.timestamp.field",
                        "lake.max-open-partitions",
                        "lake.file-name-prefix",
                        "lake.rolling.max-file-size",
                        "lake.rolling.inactivity-interval",
                        "lake.rolling.check-interval",
                        "lake.dedupe.field",
                        "lake.dedupe.window",
                        "lake.compaction.enabled",
                        "lake.compaction.size-threshold",
                        "lake.compaction.checkpoints",
                        "schema.columns",
                        "schema.avro-schema",
                        "schema.avro-schema-file",
                        "schema.record-name",
                        "schema.json.case-insensitive",
                        "schema.json.column-to-key-mappings",
                        "schema.json.convert-dots-in-keys-to-underscores",
                        "schema.json.timestamp-formats",
                        "parquet.compression",
                        "parquet.row-group-size",
                        "parquet.page-size",
                        "parquet.dictionary-encoding",
                        "parquet.writer-version");
    }

    @Test
    void defaultsAreFirehoseLike() throws Exception {
        DeliverySettings s =
                settings(
                        "{\"PropertyGroupId\":\"lake\",\"PropertyMap\":{\"path\":\"file:///tmp/lake\"}},{\"PropertyGroupId\":\"schema\",\"PropertyMap\":{\"columns\":\"id"
                            + " STRING\"}}");
        assertThat(s.prefixes().data().text()).isEqualTo("!{timestamp:yyyy/MM/dd/HH/}");
        assertThat(s.prefixes().error().text())
                .isEqualTo("!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd/HH/}");
        assertThat(s.timestampSource()).isEqualTo(TimestampSource.ARRIVAL_TIME);
        assertThat(s.maxOpenPartitions()).isEqualTo(500);
        assertThat(s.fileNamePrefix()).isEqualTo("part");
        assertThat(s.maxFileSizeBytes()).isEqualTo(128L << 20);
        assertThat(s.inactivityIntervalMillis()).isEqualTo(Duration.ofMinutes(1).toMillis());
        assertThat(s.checkIntervalMillis()).isEqualTo(10_000);
        assertThat(s.compaction()).isFalse();
        assertThat(s.dedupeField()).isNull();
        assertThat(s.json().caseInsensitive()).isTrue();
        assertThat(s.json().dotsToUnderscores()).isFalse();
        assertThat(s.json().epochMillis()).isFalse();
        assertThat(s.parquet()).isEqualTo(ParquetSettings.defaults());
        assertThat(s.parquet().compression()).isEqualTo(ParquetSettings.ParquetCompression.SNAPPY);
        assertThat(s.parquet().pageSizeBytes()).isEqualTo(1 << 20);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(
                        () ->
                                settings(
                                        "{\"PropertyGroupId\":\"lake\",\"PropertyMap\":{\"path\":\"/no/scheme\","
                                            + "\"prefix\":\"!{timestamp:yyyy}/!{partitionKeyFromQuery:t}/\","
                                            + "\"timestamp.source\":\"EVENT_TIME\"}},{\"PropertyGroupId\":\"schema\",\"PropertyMap\":{\"columns\":\"id"
                                            + " STRING\","
                                            + "\"json.timestamp-formats\":\"millis;yyyy-qq-bb\"}}"))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(
                        e ->
                                assertThat(((InvalidConfigurationException) e).problems())
                                        .anyMatch(
                                                p ->
                                                        p.contains("lake.path")
                                                                && p.contains("no scheme"))
                                        .anyMatch(p -> p.contains("Missing lake.timestamp.field"))
                                        .anyMatch(
                                                p ->
                                                        p.contains("'yyyy-qq-bb'")
                                                                && p.contains(
                                                                        "schema.json.timestamp-formats"))
                                        .anyMatch(
                                                p -> p.contains("partition key 't' is not defined"))
                                        .anyMatch(p -> p.contains("an error prefix is required")));
    }

    @Test
    void dedupeNeedsAFieldPath() throws Exception {
        DeliverySettings s =
                settings(
                        "{\"PropertyGroupId\":\"lake\",\"PropertyMap\":{\"path\":\"s3://b/l\","
                                + "\"dedupe.field\":\".eventId\"}},{\"PropertyGroupId\":\"schema\","
                                + "\"PropertyMap\":{\"columns\":\"eventId STRING\"}}");
        assertThat(s.dedupeField()).hasToString(".eventId");
        assertThat(s.dedupeWindowMillis()).isEqualTo(Duration.ofMinutes(10).toMillis());

        assertThatThrownBy(
                        () ->
                                settings(
                                        "{\"PropertyGroupId\":\"lake\",\"PropertyMap\":{\"path\":\"s3://b/l\",\"dedupe.window\":\"5"
                                            + " min\"}},{\"PropertyGroupId\":\"schema\",\"PropertyMap\":{\"columns\":\"eventId"
                                            + " STRING\"}}"))
                .hasMessageContaining("lake.dedupe.window is set but lake.dedupe.field is not");
        assertThatThrownBy(
                        () ->
                                settings(
                                        "{\"PropertyGroupId\":\"lake\",\"PropertyMap\":{\"path\":\"s3://b/l\","
                                            + "\"dedupe.field\":\"eventId\"}},{\"PropertyGroupId\":\"schema\",\"PropertyMap\":{\"columns\":\"eventId"
                                            + " STRING\"}}"))
                .hasMessageContaining("lake.dedupe.field: 'eventId' is not a supported path");
    }

    @Test
    void theSchemaComesFromExactlyOneSource() {
        assertThatThrownBy(
                        () ->
                                settings(
                                        "{\"PropertyGroupId\":\"lake\",\"PropertyMap\":{\"path\":\"s3://b/l\"}},{\"PropertyGroupId\":\"schema\",\"PropertyMap\":{\"columns\":\"id"
                                            + " STRING\","
                                            + "\"avro-schema-file\":\"classpath:x.avsc\"}}"))
                .hasMessageContaining(
                        "must set exactly one of columns, avro-schema and avro-schema-file; it sets"
                                + " [columns, avro-schema-file]");
    }

    private DeliverySettings settings(String groups) throws Exception {
        Path file = dir.resolve("c.json");
        Files.writeString(
                file,
                "[{\"PropertyGroupId\":\"kinesis-source\",\"PropertyMap\":"
                    + "{\"stream.arn\":\"arn:aws:kinesis:us-east-1:123456789012:stream/events\"}},"
                        + groups
                        + "]");
        JobConfig config =
                JobConfigLoader.builder(ParquetDeliveryConfig.SCHEMA)
                        .msfPropertiesFile(dir.resolve("no-msf.json"))
                        .build()
                        .load(new String[] {"--config", file.toString()});
        return ParquetDeliveryConfig.settings(config, getClass().getClassLoader());
    }
}
