package dev.riffle.connector.kinesis.sink;

import dev.riffle.connector.kinesis.source.KinesisSource;
import dev.riffle.connector.kinesis.source.config.KinesisSourceOptions.InitialPosition;
import dev.riffle.connector.kinesis.source.serialization.KinesisDeserializationSchema;
import dev.riffle.connector.kinesis.source.serialization.KinesisRecord;
import dev.riffle.connector.kinesis.source.testutil.LocalFlink;
import dev.riffle.testing.Await;
import dev.riffle.testing.kinesis.KinesisMockExtension;
import dev.riffle.testing.kinesis.Shards;
import dev.riffle.testing.kinesis.StreamRecord;
import dev.riffle.testing.kinesis.TestStream;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The sink against kinesis-mock, checked by reading the stream back with our source. */
class KinesisSinkITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static LocalFlink flink;

    @BeforeAll
    static void startFlink() throws Exception {
        flink = new LocalFlink();
    }

    @AfterAll
    static void stopFlink() throws Exception {
        flink.close();
    }

    /** Payloads "k3:17:xxxx": key, number, and filler so that content is compared too. */
    private static List<String> payloads(int n, int keys) {
        return IntStream.range(0, n)
                .mapToObj(i -> "k" + (i % keys) + ":" + i + ":" + "x".repeat(i % 50))
                .collect(Collectors.toList());
    }

    private static KinesisSinkBuilder<String> sink(TestStream stream) {
        return KinesisSink.<String>builder()
                .setAll(KINESIS.mock().connectorProperties(true))
                // kinesis-mock's TLS port does not negotiate HTTP/2 (Kinesis does).
                .set("aws.http.protocol.version", "HTTP1_1")
                .streamArn(stream.arn())
                .serializationSchema(new SimpleStringSchema())
                .partitionKeyGenerator(v -> v.substring(0, v.indexOf(':')))
                .maxTimeInBuffer(Duration.ofMillis(200));
    }

    @Test
    void everyRecordWrittenAtParallelismTwoIsReadBackByOurSourceWithItsKeyInKeyOrder(
            @Shards(4) TestStream stream) throws Exception {
        List<String> written = payloads(600, 20);
        StreamExecutionEnvironment env = flink.env();
        // Each key through one sink subtask, in order: the keyBy keeps per-key order.
        env.fromData(written)
                .setParallelism(1)
                .keyBy(v -> v.substring(0, v.indexOf(':')))
                .map(v -> v)
                .returns(Types.STRING)
                // Concurrent requests may land in any order; one at a time keeps key order.
                .sinkTo(sink(stream).maxBatchSize(50).maxInFlightRequests(1).build())
                .uid("kinesis-sink");
        env.execute("kinesis sink round trip");

        List<String> read = readBack(stream, written.size());

        // Each record once, with its content, under its partition key.
        assertThat(read)
                .containsExactlyInAnyOrderElementsOf(
                        written.stream()
                                .map(v -> v.substring(0, v.indexOf(':')) + "|" + v)
                                .collect(Collectors.toList()));
        assertKeyOrder(read);
    }

    @Test
    void aRecordOverTheLimitGoesToTheDeadLetterStreamWithItsReasonAndTheRestIsWritten(
            @Shards(2) TestStream stream) throws Exception {
        TestStream deadLetters = KINESIS.createStream("dead-letters", 1);
        List<String> written = new ArrayList<>(payloads(60, 5));
        String big = "k1:big:" + "y".repeat(2000);
        written.add(17, big);
        StreamExecutionEnvironment env = flink.env();
        env.fromData(written)
                .setParallelism(1)
                .sinkTo(
                        sink(stream)
                                .set(KinesisSinkOptions.SINK_RECORD_MAX_SIZE.key(), "1 kb")
                                .deadLetterStreamArn(deadLetters.arn())
                                .build())
                .setParallelism(1)
                .uid("kinesis-sink");
        env.execute("kinesis sink dead letters");

        List<String> expected = new ArrayList<>(written);
        expected.remove(big);
        assertThat(stream.awaitRecords(expected.size(), DEADLINE))
                .extracting(StreamRecord::text)
                .containsExactlyInAnyOrderElementsOf(expected);

        List<StreamRecord> letters = deadLetters.awaitRecords(1, DEADLINE);
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).partitionKey()).isEqualTo("k1");
        JsonNode json = new ObjectMapper().readTree(letters.get(0).data());
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.get("errorType").asText()).isEqualTo("OVERSIZE");
        assertThat(json.get("errorMessage").asText())
                .isEqualTo(
                        "A record for stream "
                                + stream.arn()
                                + " is 2009 bytes (data 2007 + partition key 2), more than the"
                                + " limit of 1024 bytes (sink.record.max-size)");
        assertThat(json.get("targetStream").asText()).isEqualTo(stream.arn());
        assertThat(json.get("partitionKey").asText()).isEqualTo("k1");
        assertThat(json.get("rawSize").asInt()).isEqualTo(2007);
        assertThat(json.get("rawTruncated").asBoolean()).isFalse();
        assertThat(
                        new String(
                                Base64.getDecoder().decode(json.get("rawBase64").asText()),
                                StandardCharsets.UTF_8))
                .isEqualTo(big);
    }

    /** Reads "partitionKey|payload" from the stream with our source until n arrived. */
    private static List<String> readBack(TestStream stream, int n) throws Exception {
        StreamExecutionEnvironment env = flink.env();
        DataStream<String> values =
                env.fromSource(
                                KinesisSource.<String>builder()
                                        .setAll(KINESIS.mock().connectorProperties(false))
                                        .streamArn(stream.arn())
                                        .initialPosition(InitialPosition.TRIM_HORIZON)
                                        .set("source.reader.empty-records-fetch-interval", "100 ms")
                                        .deserializationSchema(new KeyAndPayload())
                                        .build(),
                                WatermarkStrategy.noWatermarks(),
                                "kinesis")
                        .uid("kinesis-source");
        List<String> seen = new CopyOnWriteArrayList<>();
        CloseableIterator<String> it = values.collectAsync();
        JobClient job = env.executeAsync("read back");
        Thread drain =
                new Thread(
                        () -> {
                            try {
                                while (it.hasNext()) {
                                    seen.add(it.next());
                                }
                            } catch (Exception ignored) {
                                // cancelled
                            }
                        });
        drain.setDaemon(true);
        drain.start();
        try {
            Await.until(DEADLINE, () -> seen.size() >= n, n + " records read back");
        } finally {
            job.cancel().get();
            it.close();
        }
        return new ArrayList<>(seen);
    }

    private static void assertKeyOrder(List<String> read) {
        Map<String, List<Integer>> byKey = new HashMap<>();
        for (String v : read) {
            String[] parts = v.substring(v.indexOf('|') + 1).split(":");
            byKey.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
        }
        assertThat(byKey).hasSize(20);
        byKey.forEach((key, numbers) -> assertThat(numbers).as("order of key " + key).isSorted());
    }

    /** "partitionKey|payload". */
    static final class KeyAndPayload implements KinesisDeserializationSchema<String> {
        @Override
        public void deserialize(KinesisRecord record, Collector<String> out) {
            out.collect(
                    record.partitionKey()
                            + "|"
                            + new String(record.data(), StandardCharsets.UTF_8));
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }
}
