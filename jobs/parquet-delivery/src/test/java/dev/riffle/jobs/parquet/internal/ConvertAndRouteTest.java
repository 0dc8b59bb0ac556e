package dev.riffle.jobs.parquet.internal;

import dev.riffle.jobs.parquet.config.DeliverySettings;
import dev.riffle.jobs.parquet.convert.RowSchemas;
import dev.riffle.jobs.parquet.record.DeliveryRecord;
import dev.riffle.jobs.parquet.record.ErrorRecord;
import dev.riffle.jobs.parquet.record.LakeRow;
import dev.riffle.jobs.parquet.record.LakeRowSerializer;

import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The converter with a test harness: where checkpoints fall is under the test's control. */
class ConvertAndRouteTest {

    static final long ARRIVAL = Instant.parse("2024-05-01T10:15:00Z").toEpochMilli();

    OneInputStreamOperatorTestHarness<DeliveryRecord, LakeRow> harness;

    @BeforeEach
    void open() throws Exception {
        DeliverySettings settings =
                DeliverySettings.builder(
                                "file:///lake",
                                RowSchemas.fromColumns("id STRING NOT NULL, kind STRING", "R"))
                        .prefix("kind=!{partitionKeyFromQuery:kind}/!{timestamp:yyyy-MM-dd}/")
                        .errorPrefix("errors/!{firehose:error-output-type}/")
                        .partitionKey("kind", ".kind")
                        .maxOpenPartitions(2)
                        .build();
        harness =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new ConvertAndRoute(settings)));
        harness.setup(new LakeRowSerializer(settings.schema().toString()));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void recordsBeyondTheOpenPartitionCapGoToTheErrorPrefixUntilTheNextCheckpoint()
            throws Exception {
        process("a-1", "a");
        process("b-1", "b");
        process("c-1", "c"); // a third partition before the checkpoint: over the cap
        process("a-2", "a"); // an open partition: fine
        harness.snapshot(1, 0); // files roll: a new set of partitions may open
        process("c-2", "c");

        assertThat(rows())
                .containsExactly(
                        "kind=a/2024-05-01/ a-1",
                        "kind=b/2024-05-01/ b-1",
                        "kind=a/2024-05-01/ a-2",
                        "kind=c/2024-05-01/ c-2");
        List<ErrorRecord> errors = errors();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).bucket).isEqualTo("errors/activePartitionExceeded/");
        assertThat(errors.get(0).errorCode)
                .isEqualTo("DynamicPartitioning.ActivePartitionsLimitExceeded");
        assertThat(errors.get(0).errorMessage)
                .isEqualTo(
                        "Prefix 'kind=c/2024-05-01/' would be open partition 3 of this writer; at"
                                + " most 2 are open between two checkpoints (max-open-partitions)");
        assertThat(new String(errors.get(0).rawData, StandardCharsets.UTF_8)).contains("c-1");
    }

    @Test
    void partitionKeysThatWouldEscapeTheirFolderAreRejected() throws Exception {
        process("x-1", "../../etc");
        process("x-2", "");
        assertThat(rows()).isEmpty();
        assertThat(errors())
                .extracting(e -> e.errorMessage)
                .containsExactly(
                        "Partition key 'kind' (.kind) is '../../etc'; a key value must not be"
                                + " empty or contain '/'",
                        "Partition key 'kind' (.kind) is ''; a key value must not be empty or"
                                + " contain '/'");
    }

    private void process(String id, String kind) throws Exception {
        String json = "{\"id\":\"" + id + "\",\"kind\":\"" + kind + "\"}";
        harness.processElement(
                new DeliveryRecord(
                        json.getBytes(StandardCharsets.UTF_8),
                        "s",
                        "shardId-000000000000",
                        id,
                        DeliveryRecord.NOT_AGGREGATED,
                        "k",
                        ARRIVAL),
                ARRIVAL);
    }

    private List<String> rows() {
        return harness.extractOutputValues().stream()
                .map(r -> r.bucket() + " " + r.record().get("id"))
                .collect(Collectors.toList());
    }

    private List<ErrorRecord> errors() {
        var out = harness.getSideOutput(ConvertAndRoute.ERRORS);
        return out == null
                ? List.of()
                : out.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }
}
