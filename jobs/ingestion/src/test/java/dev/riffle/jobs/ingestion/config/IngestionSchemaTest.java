package dev.riffle.jobs.ingestion.config;

import dev.riffle.common.config.GroupSpec;
import dev.riffle.common.config.JobConfig;
import dev.riffle.common.config.JobConfigLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The job's property groups: three streams with the connector's keys, and its own settings. */
class IngestionSchemaTest {
    @TempDir Path dir;

    @Test
    void pinsTheGroups() {
        assertThat(IngestionOptions.SCHEMA.groups())
                .extracting(GroupSpec::id)
                .containsExactly("raw-events", "events", "dead-letters", "ingestion");
        for (String stream : new String[] {"raw-events", "events", "dead-letters"}) {
            GroupSpec g = IngestionOptions.SCHEMA.groupFor(stream).orElseThrow();
            assertThat(g.isRequired()).as(stream).isTrue();
            assertThat(g.acceptsUndeclaredKeys()).as(stream).isTrue();
        }
        assertThat(IngestionOptions.SCHEMA.groupFor("ingestion").orElseThrow().isRequired())
                .isFalse();
    }

    @Test
    void loadsTheStreamGroupsAsTheConnectorsKeys() throws Exception {
        Path file = dir.resolve("ingestion.json");
        Files.writeString(
                file,
                "[{\"PropertyGroupId\": \"raw-events\", \"PropertyMap\": {\"stream.arn\":"
                    + " \"arn:aws:kinesis:us-east-1:000000000000:stream/raw-events\","
                    + " \"source.init.position\": \"TRIM_HORIZON\"}}, {\"PropertyGroupId\":"
                    + " \"events\", \"PropertyMap\": {\"stream.name\": \"events\", \"aws.region\":"
                    + " \"us-east-1\"}}, {\"PropertyGroupId\": \"dead-letters\", \"PropertyMap\":"
                    + " {\"stream.name\": \"dead-letters\", \"aws.region\": \"us-east-1\"}}]");

        JobConfig config =
                JobConfigLoader.builder(IngestionOptions.SCHEMA)
                        .build()
                        .load(new String[] {"--config", file.toString()});

        assertThat(config.group("raw-events").toMap())
                .containsEntry("source.init.position", "TRIM_HORIZON");
        assertThat(config.group("events").toMap()).containsEntry("stream.name", "events");
        assertThat(IngestionConfig.from(config.group("ingestion")).jobName())
                .isEqualTo("riffle-ingestion");
    }

    @Test
    void aMissingStreamGroupIsNamed() throws Exception {
        Path file = dir.resolve("no-dead-letters.json");
        Files.writeString(
                file,
                "[{\"PropertyGroupId\": \"raw-events\", \"PropertyMap\": {\"stream.name\": \"r\"}},"
                        + " {\"PropertyGroupId\": \"events\", \"PropertyMap\": {\"stream.name\":"
                        + " \"e\"}}]");

        assertThatThrownBy(
                        () ->
                                JobConfigLoader.builder(IngestionOptions.SCHEMA)
                                        .build()
                                        .load(new String[] {"--config", file.toString()}))
                .hasMessageContaining("dead-letters");
    }
}
