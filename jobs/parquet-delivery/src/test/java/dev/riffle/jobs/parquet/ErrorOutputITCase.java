package dev.riffle.jobs.parquet;

import dev.riffle.jobs.parquet.config.DeliverySettings;
import dev.riffle.jobs.parquet.convert.RowSchemas;
import dev.riffle.jobs.parquet.record.DeliveryRecord;
import dev.riffle.testing.flink.LocalFlinkCluster;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records that cannot be delivered land under the error prefix, one JSON line each in Firehose's
 * error record format, in the folder of their error output type; the rest of the batch is
 * delivered. (The open-partition cap, which depends on where checkpoints fall, is tested with a
 * harness in ConvertAndRouteTest.)
 */
class ErrorOutputITCase {

    @RegisterExtension
    static final LocalFlinkCluster FLINK =
            LocalFlinkCluster.builder().taskManagers(1).slotsPerTaskManager(1).build();

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path lake;

    @Test
    void failedRecordsGoToTheErrorPrefixAndTheRestIsDelivered() throws Exception {
        List<DeliveryRecord> input = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            input.add(TestRecords.record(2L * i)); // types click and transaction only
        }
        Map<String, String> bad = new HashMap<>();
        bad.put("not json {", "DataFormatConversion.MalformedData");
        bad.put("[1, 2]", "DataFormatConversion.MalformedData");
        bad.put(
                "{\"eventId\":\"bad-amount\",\"type\":\"click\",\"occurredAt\":\"2026-03-01T22:00:00Z\",\"amount\":\"lots\"}",
                "DataFormatConversion.InvalidValue");
        bad.put(
                "{\"type\":\"click\",\"occurredAt\":\"2026-03-01T22:00:00Z\"}",
                "DataFormatConversion.MissingRequiredField");
        bad.put(
                "{\"eventId\":\"no-type\",\"occurredAt\":\"2026-03-01T22:00:00Z\"}",
                "DynamicPartitioning.MetadataExtractionFailed");
        bad.put(
                "{\"eventId\":\"no-time\",\"type\":\"click\"}",
                "DynamicPartitioning.MetadataExtractionFailed");
        long seq = 1_000;
        for (String raw : bad.keySet()) {
            input.add(
                    new DeliveryRecord(
                            raw.getBytes(StandardCharsets.UTF_8),
                            "test-stream",
                            "shardId-000000000000",
                            String.valueOf(seq++),
                            3,
                            "k",
                            TestRecords.START.toEpochMilli()));
        }

        DeliverySettings settings =
                DeliverySettings.builder(
                                lake.toUri().toString(),
                                RowSchemas.fromColumns(TestRecords.COLUMNS, "Event"))
                        .prefix("events/type=!{partitionKeyFromQuery:type}/!{timestamp:yyyy}/")
                        .errorPrefix(TestRecords.ERROR_PREFIX)
                        .partitionKey("type", ".type")
                        .eventTime(".occurredAt")
                        .build();
        StreamExecutionEnvironment env = LocalFlinkCluster.restartingEnv(1, Duration.ofMillis(500));
        // As the job runs: with object reuse (records are handed on, not copied).
        ParquetDeliveryJob.configure(env);
        ParquetDeliveryPipeline.build(
                env.fromData(input, TypeInformation.of(DeliveryRecord.class))
                        .assignTimestampsAndWatermarks(WatermarkStrategy.noWatermarks()),
                settings);
        FLINK.awaitSuccess(FLINK.submit(env), Duration.ofMinutes(2));

        LakeContents.jsonLines(lake)
                .forEach(l -> System.err.println("ERRLINE " + l[0] + " " + l[1]));
        assertThat(LakeContents.parquetRows(lake))
                .extracting(r -> r.record().get("eventId").toString())
                .as("the good records are delivered")
                .hasSize(100)
                .doesNotHaveDuplicates();

        List<String[]> lines = LakeContents.jsonLines(lake);
        assertThat(lines).hasSize(bad.size());
        Map<String, String> codeByRaw = new HashMap<>();
        for (String[] folderAndLine : lines) {
            JsonNode e = JSON.readTree(folderAndLine[1]);
            assertThat(fieldNames(e))
                    .containsExactly(
                            "attemptsMade",
                            "arrivalTimestamp",
                            "errorCode",
                            "errorMessage",
                            "attemptEndingTimestamp",
                            "rawData",
                            "sequenceNumber",
                            "subSequenceNumber");
            String raw =
                    new String(
                            Base64.getDecoder().decode(e.get("rawData").asText()),
                            StandardCharsets.UTF_8);
            String code = e.get("errorCode").asText();
            codeByRaw.put(raw, code);
            String type = folderOf(code);
            assertThat(folderAndLine[0]).isEqualTo("errors/" + type + "/dt=2026-03-01/");
            assertThat(e.get("attemptsMade").asInt()).isEqualTo(1);
            assertThat(e.get("arrivalTimestamp").asLong())
                    .isEqualTo(TestRecords.START.toEpochMilli());
            assertThat(e.get("subSequenceNumber").asLong()).isEqualTo(3);
            assertThat(e.get("errorMessage").asText()).isNotBlank();
        }
        assertThat(codeByRaw).isEqualTo(bad);
    }

    private static String folderOf(String code) {
        if (code.startsWith("DataFormatConversion.")) {
            return "format-conversion-failed";
        }
        return "dynamic-partitioning-failed";
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.stream().collect(Collectors.toList());
    }
}
