package dev.riffle.jobs.parquet;

import dev.riffle.common.config.JobConfig;
import dev.riffle.common.config.JobConfigLoader;
import dev.riffle.jobs.parquet.config.ParquetDeliveryConfig;
import dev.riffle.testing.Await;
import dev.riffle.testing.flink.LocalFlinkCluster;
import dev.riffle.testing.kinesis.KinesisMock;
import dev.riffle.testing.kinesis.KinesisMockExtension;
import dev.riffle.testing.kinesis.Shards;
import dev.riffle.testing.kinesis.TestStream;

import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job as deployed: configuration from a --config file, Riffle's Kinesis source reading a
 * two-shard stream on kinesis-mock, rows into the lake and a bad record into the error prefix with
 * its Kinesis sequence number. Deduplicated by eventId, as deploy/ runs the events delivery: the
 * records written twice (as ingestion's at-least-once output does after a restore, under another
 * partition key, so possibly on the other shard) are in the lake once.
 */
class KinesisToLakeITCase {

    static final int GOOD = 300;
    static final int WRITTEN_TWICE = 50;

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    @RegisterExtension
    static final LocalFlinkCluster FLINK =
            LocalFlinkCluster.builder().taskManagers(1).slotsPerTaskManager(2).build();

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path lake;
    @TempDir Path configDir;

    @Test
    void recordsOfAKinesisStreamLandInTheLakeOnceAndBadOnesInTheErrorPrefix(
            KinesisMock kinesis, @Shards(2) TestStream stream) throws Exception {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < GOOD; i++) {
            entries.add(TestStream.entry("u-" + (i % 17), TestRecords.json(i)));
        }
        for (int i = 0; i < WRITTEN_TWICE; i++) {
            entries.add(TestStream.entry("again-" + i, TestRecords.json(i)));
        }
        stream.putAll(entries);
        String badSequenceNumber = stream.put("u-1", "{\"eventId\": \"broken\"");

        Map<String, String> source = new java.util.HashMap<>(kinesis.connectorProperties(false));
        source.put("stream.arn", stream.arn());
        source.put("source.init.position", "TRIM_HORIZON");
        Path configFile =
                writeConfig(
                        Map.of(
                                "kinesis-source",
                                source,
                                "lake",
                                Map.of(
                                        "path", lake.toUri().toString(),
                                        "prefix", "events/!{timestamp:yyyy-MM-dd}/",
                                        "error-prefix",
                                                "errors/!{firehose:error-output-type}/!{timestamp:yyyy-MM-dd}/",
                                        "dedupe.field", ".eventId"),
                                "schema",
                                Map.of("columns", TestRecords.COLUMNS)));
        JobConfig config =
                JobConfigLoader.builder(ParquetDeliveryConfig.SCHEMA)
                        .build()
                        .load(new String[] {"--config", configFile.toString()});

        StreamExecutionEnvironment env = LocalFlinkCluster.restartingEnv(2, Duration.ofSeconds(1));
        ParquetDeliveryJob.define(env, config);
        JobID job = FLINK.submit(env);
        try {
            Await.until(
                    Duration.ofMinutes(2),
                    () ->
                            LakeContents.parquetRows(lake).size() >= GOOD
                                    && !LakeContents.jsonLines(lake).isEmpty(),
                    GOOD + " rows and an error record in the lake");
        } finally {
            FLINK.cluster().cancelJob(job).get();
        }

        Set<String> expected = new HashSet<>();
        for (int i = 0; i < GOOD; i++) {
            expected.add("e-" + i);
        }
        List<LakeContents.Row> rows = LakeContents.parquetRows(lake);
        assertThat(rows.stream().map(r -> r.record().get("eventId").toString()))
                .hasSize(GOOD)
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(rows).allMatch(r -> r.folder().matches("events/\\d{4}-\\d{2}-\\d{2}/"));
        List<String[]> errors = LakeContents.jsonLines(lake);
        assertThat(errors).hasSize(1);
        JsonNode error = JSON.readTree(errors.get(0)[1]);
        assertThat(errors.get(0)[0]).startsWith("errors/format-conversion-failed/");
        assertThat(error.get("errorCode").asText()).isEqualTo("DataFormatConversion.MalformedData");
        assertThat(error.get("sequenceNumber").asText()).isEqualTo(badSequenceNumber);
    }

    private Path writeConfig(Map<String, Map<String, String>> groups) throws Exception {
        ArrayNode root = JSON.createArrayNode();
        for (Map.Entry<String, Map<String, String>> g : groups.entrySet()) {
            ObjectNode group = root.addObject();
            group.put("PropertyGroupId", g.getKey());
            ObjectNode map = group.putObject("PropertyMap");
            g.getValue().forEach(map::put);
        }
        Path file = configDir.resolve("parquet-delivery.json");
        Files.writeString(file, JSON.writeValueAsString(root));
        return file;
    }
}
