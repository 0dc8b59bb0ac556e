package dev.riffle.connector.kinesis.source;

import dev.riffle.connector.kinesis.source.config.KinesisSourceOptions.InitialPosition;
import dev.riffle.connector.kinesis.source.serialization.KinesisDeserializationSchema;
import dev.riffle.connector.kinesis.source.serialization.KinesisRecord;
import dev.riffle.connector.kinesis.source.split.StartingPosition;
import dev.riffle.connector.kinesis.source.testutil.LocalFlink;
import dev.riffle.testing.Await;
import dev.riffle.testing.kinesis.KinesisMock;
import dev.riffle.testing.kinesis.KinesisMockExtension;
import dev.riffle.testing.kinesis.Shards;
import dev.riffle.testing.kinesis.StreamRecord;
import dev.riffle.testing.kinesis.TestStream;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The source against kinesis-mock on a two-task-manager MiniCluster at parallelism 2. */
class KinesisSourceITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static LocalFlink flink;

    @BeforeAll
    static void startFlink() throws Exception {
        flink = new LocalFlink();
    }

    @AfterAll
    static void stopFlink() throws Exception {
        flink.close();
    }

    /** "id" payloads; the partition key is the record's key ("k3"), the payload "k3:17". */
    private static List<PutRecordsRequestEntry> records(int from, int to, int keys) {
        return IntStream.range(from, to)
                .mapToObj(i -> TestStream.entry("k" + (i % keys), "k" + (i % keys) + ":" + i))
                .collect(Collectors.toList());
    }

    private static KinesisSourceBuilder<String> source(TestStream stream) {
        return KinesisSource.<String>builder()
                .setAll(KINESIS.mock().connectorProperties(false))
                .streamArn(stream.arn())
                .set("source.shard.discovery.interval", "500 ms")
                .set("source.reader.empty-records-fetch-interval", "100 ms")
                .deserializationSchema(new PayloadSchema());
    }

    /** Collects a job's output on a background thread. */
    private static final class Output implements AutoCloseable {
        final List<String> values = new CopyOnWriteArrayList<>();
        final CloseableIterator<String> iterator;
        final JobClient job;
        final Thread drain;

        Output(DataStream<String> stream, StreamExecutionEnvironment env) throws Exception {
            iterator = stream.collectAsync();
            job = env.executeAsync();
            drain =
                    new Thread(
                            () -> {
                                try {
                                    while (iterator.hasNext()) {
                                        values.add(iterator.next());
                                    }
                                } catch (Exception ignored) {
                                    // the job was cancelled
                                }
                            });
            drain.setDaemon(true);
            drain.start();
        }

        List<String> await(int count) {
            Await.until(DEADLINE, () -> values.size() >= count, count + " records");
            return new ArrayList<>(values);
        }

        @Override
        public void close() throws Exception {
            job.cancel().get();
            iterator.close();
        }
    }

    @Test
    void everyRecordIsCountedExactlyOnceInStateAcrossATaskManagerFailure(
            @Shards(4) TestStream stream) throws Exception {
        StreamExecutionEnvironment env = flink.env();
        env.enableCheckpointing(300);
        DataStream<String> counted =
                env.fromSource(
                                source(stream)
                                        .initialPosition(InitialPosition.TRIM_HORIZON)
                                        .build(),
                                WatermarkStrategy.noWatermarks(),
                                "kinesis")
                        .uid("kinesis-source")
                        .keyBy(v -> v)
                        .process(new CountInState())
                        .uid("count-in-state");
        stream.putAll(records(0, 300, 30));

        try (Output out = new Output(counted, env)) {
            out.await(150);
            flink.replaceTaskManager(0);
            stream.putAll(records(300, 600, 30));
            List<String> seen =
                    Await.until(
                            DEADLINE,
                            () -> new ArrayList<>(out.values),
                            v -> v.size() >= 600,
                            () -> "600 counted records, have " + out.values.size());

            // The collect sink is exactly-once with checkpoints: each id once, each counted once.
            assertThat(seen).doesNotHaveDuplicates().hasSize(600);
            assertThat(seen).allMatch(v -> v.endsWith("#1"));
            assertThat(seen.stream().map(v -> v.substring(0, v.indexOf('#'))))
                    .containsExactlyInAnyOrderElementsOf(payloads(0, 600, 30));
        }
    }

    @Test
    void aSplitAndAMergeWhileRunningLoseNothingDuplicateNothingAndKeepKeyOrder(
            @Shards(3) TestStream stream) throws Exception {
        StreamExecutionEnvironment env = flink.env();
        env.setBufferTimeout(0);
        DataStream<String> values =
                env.fromSource(
                                source(stream)
                                        .initialPosition(InitialPosition.TRIM_HORIZON)
                                        .build(),
                                WatermarkStrategy.noWatermarks(),
                                "kinesis")
                        .uid("kinesis-source");
        stream.putAll(records(0, 200, 20));

        try (Output out = new Output(values, env)) {
            out.await(200);
            KinesisClient client = KINESIS.client();
            List<Shard> shards = stream.listShards();
            Shard first = shards.get(0);
            BigInteger start = new BigInteger(first.hashKeyRange().startingHashKey());
            BigInteger end = new BigInteger(first.hashKeyRange().endingHashKey());
            client.splitShard(
                    r ->
                            r.streamARN(stream.arn())
                                    .shardToSplit(first.shardId())
                                    .newStartingHashKey(start.add(end).shiftRight(1).toString()));
            awaitActive(client, stream);
            client.mergeShards(
                    r ->
                            r.streamARN(stream.arn())
                                    .shardToMerge(shards.get(1).shardId())
                                    .adjacentShardToMerge(shards.get(2).shardId()));
            awaitActive(client, stream);
            stream.putAll(records(200, 400, 20));

            List<String> seen = out.await(400);

            assertThat(seen).doesNotHaveDuplicates();
            assertThat(seen).containsExactlyInAnyOrderElementsOf(payloads(0, 400, 20));
            assertKeyOrder(seen);
            assertThat(stream.listShards()).hasSize(6);
        }
    }

    @Test
    void eachStartPositionReadsWhatItShould(KinesisMock mock) throws Exception {
        TestStream stream = KINESIS.createStream("positions", 1);
        List<String> firstSeqs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            firstSeqs.add(stream.put("k", "old-" + i));
        }
        // LATEST is the time the source is built: records written before it are skipped.
        KinesisSource<String> latest =
                source(stream).initialPosition(InitialPosition.LATEST).build();
        StreamRecord lastOld = stream.readAll().get(4);
        assertThat(lastOld.text()).isEqualTo("old-4");
        // AT_TIMESTAMP is compared with the emulator's own arrival times, whose precision is its
        // own: wait a whole second past the last old record, then take the first new record's
        // arrival as the position, so the test does not depend on the two clocks agreeing.
        java.time.Instant oldArrival = lastOld.approximateArrival();
        Await.until(
                DEADLINE,
                () -> java.time.Instant.now().isAfter(oldArrival.plusSeconds(1)),
                "the clock to pass the last old record by a second");
        for (int i = 0; i < 3; i++) {
            stream.put("k", "new-" + i);
        }
        java.time.Instant between = stream.readAll().get(5).approximateArrival();
        assertThat(between).isAfter(oldArrival);

        assertThat(readFirst(latest, 3)).containsExactly("new-0", "new-1", "new-2");
        assertThat(
                        readFirst(
                                source(stream)
                                        .initialPosition(InitialPosition.TRIM_HORIZON)
                                        .build(),
                                8))
                .containsExactly(
                        "old-0", "old-1", "old-2", "old-3", "old-4", "new-0", "new-1", "new-2");
        assertThat(readFirst(source(stream).initialTimestamp(between).build(), 3))
                .containsExactly("new-0", "new-1", "new-2");
        String shard = stream.listShards().get(0).shardId();
        assertThat(
                        readFirst(
                                source(stream)
                                        .initialPosition(InitialPosition.TRIM_HORIZON)
                                        .shardStartingPosition(
                                                shard,
                                                StartingPosition.afterSequenceNumber(
                                                        firstSeqs.get(2)))
                                        .build(),
                                5))
                .containsExactly("old-3", "old-4", "new-0", "new-1", "new-2");
        assertThat(
                        readFirst(
                                source(stream)
                                        .initialPosition(InitialPosition.TRIM_HORIZON)
                                        .shardStartingPosition(
                                                shard,
                                                StartingPosition.atSequenceNumber(firstSeqs.get(4)))
                                        .build(),
                                4))
                .containsExactly("old-4", "new-0", "new-1", "new-2");
    }

    @Test
    void enhancedFanOutReadsEveryRecord(@Shards(2) TestStream stream) throws Exception {
        stream.putAll(records(0, 100, 10));
        KinesisSource<String> efo =
                source(stream)
                        .initialPosition(InitialPosition.TRIM_HORIZON)
                        .enhancedFanOut("riffle-it")
                        .set("source.efo.describe.retry-strategy.delay.min", "200 ms")
                        .build();

        assertThat(readFirst(efo, 100)).containsExactlyInAnyOrderElementsOf(payloads(0, 100, 10));
    }

    @Test
    void theTlsEndpointIsReadWhenItsCertificateIsTrustedExplicitly(TestStream stream)
            throws Exception {
        stream.putAll(records(0, 10, 2));
        KinesisSource<String> tls =
                KinesisSource.<String>builder()
                        .setAll(KINESIS.mock().connectorProperties(true))
                        .streamArn(stream.arn())
                        .initialPosition(InitialPosition.TRIM_HORIZON)
                        .deserializationSchema(new PayloadSchema())
                        .build();

        assertThat(readFirst(tls, 10)).containsExactlyInAnyOrderElementsOf(payloads(0, 10, 2));
    }

    @Test
    void anIdleShardDoesNotHoldBackTheWatermarkAndAlignmentIsSupported(@Shards(2) TestStream stream)
            throws Exception {
        List<Shard> shards = stream.listShards();
        String busy = shards.get(0).hashKeyRange().startingHashKey();
        String quiet = shards.get(1).hashKeyRange().startingHashKey();
        // One reader reads both shards, with per-shard watermarks, idleness and alignment
        StreamExecutionEnvironment env = flink.env();
        env.setParallelism(1);
        WatermarkStrategy<String> watermarks =
                WatermarkStrategy.<String>forMonotonousTimestamps()
                        .withTimestampAssigner((v, ts) -> Long.parseLong(v.split(":")[1]))
                        .withIdleness(Duration.ofMillis(500))
                        .withWatermarkAlignment(
                                "kinesis", Duration.ofSeconds(30), Duration.ofMillis(100));
        DataStream<String> events =
                env.fromSource(
                                source(stream)
                                        .initialPosition(InitialPosition.TRIM_HORIZON)
                                        .build(),
                                watermarks,
                                "kinesis")
                        .uid("kinesis-source")
                        .keyBy(v -> v.split(":")[0])
                        .process(new FireAfterEvent())
                        .uid("timers");

        try (Output out = new Output(events, env)) {
            // Given an event in each shard, both read
            stream.putAll(List.of(entry("b:500", quiet), entry("k:100", busy)));
            out.await(2);
            // When only the busy shard moves on, far past the quiet shard's event
            stream.putAll(List.of(entry("k:25000", busy)));

            // Then the quiet shard's watermark (499) does not hold the timer at 501 back
            Await.until(
                    DEADLINE,
                    () -> out.values.contains("fired:b:500"),
                    "the timer after the quiet shard's event");
            assertThat(out.values).contains("seen:b:500", "seen:k:100", "fired:k:100");
        }
    }

    private static PutRecordsRequestEntry entry(String data, String explicitHashKey) {
        return PutRecordsRequestEntry.builder()
                .partitionKey(data.split(":")[0])
                .explicitHashKey(explicitHashKey)
                .data(software.amazon.awssdk.core.SdkBytes.fromUtf8String(data))
                .build();
    }

    /** Emits "seen:v" at once and "fired:v" when the watermark passes the event's time. */
    static final class FireAfterEvent extends KeyedProcessFunction<String, String, String> {
        private transient ValueState<String> pending;

        @Override
        public void open(OpenContext context) {
            pending =
                    getRuntimeContext()
                            .getState(new ValueStateDescriptor<>("pending", Types.STRING));
        }

        @Override
        public void processElement(String value, Context ctx, Collector<String> out)
                throws Exception {
            out.collect("seen:" + value);
            if (pending.value() == null) {
                pending.update(value);
                ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 1);
            }
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out)
                throws Exception {
            out.collect("fired:" + pending.value());
        }
    }

    /** Runs a job with the source until it produced {@code n} values, then cancels it. */
    private static List<String> readFirst(KinesisSource<String> source, int n) throws Exception {
        StreamExecutionEnvironment env = flink.env();
        env.setParallelism(1);
        DataStream<String> values =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "kinesis")
                        .uid("kinesis-source");
        try (Output out = new Output(values, env)) {
            return out.await(n).subList(0, n);
        }
    }

    private static void awaitActive(KinesisClient client, TestStream stream) {
        Await.until(
                DEADLINE,
                () ->
                        client.describeStreamSummary(r -> r.streamARN(stream.arn()))
                                        .streamDescriptionSummary()
                                        .streamStatus()
                                == StreamStatus.ACTIVE,
                "stream ACTIVE after resharding");
    }

    private static List<String> payloads(int from, int to, int keys) {
        return IntStream.range(from, to)
                .mapToObj(i -> "k" + (i % keys) + ":" + i)
                .collect(Collectors.toList());
    }

    /** Within each key, the numbers come in increasing order. */
    private static void assertKeyOrder(List<String> seen) {
        Map<String, List<Integer>> byKey = new HashMap<>();
        for (String v : seen) {
            String[] parts = v.split(":");
            byKey.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
        }
        byKey.forEach(
                (key, numbers) -> {
                    List<Integer> sorted = new ArrayList<>(numbers);
                    Collections.sort(sorted);
                    assertThat(numbers).as("order of key " + key).isEqualTo(sorted);
                });
    }

    /** The payload as text. */
    static final class PayloadSchema implements KinesisDeserializationSchema<String> {
        @Override
        public void deserialize(KinesisRecord record, Collector<String> out) {
            out.collect(new String(record.data(), StandardCharsets.UTF_8));
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }

    /** Counts each value in keyed state and emits "value#count". */
    static final class CountInState extends KeyedProcessFunction<String, String, String> {
        private transient ValueState<Integer> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.INT));
        }

        @Override
        public void processElement(String value, Context ctx, Collector<String> out)
                throws Exception {
            int n = count.value() == null ? 1 : count.value() + 1;
            count.update(n);
            out.collect(value + "#" + n);
        }
    }
}
