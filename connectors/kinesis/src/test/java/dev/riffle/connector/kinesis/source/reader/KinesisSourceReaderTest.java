package dev.riffle.connector.kinesis.source.reader;

import dev.riffle.connector.kinesis.source.event.SplitsFinishedAckEvent;
import dev.riffle.connector.kinesis.source.event.SplitsFinishedEvent;
import dev.riffle.connector.kinesis.source.reader.polling.PollingShardSplitReader;
import dev.riffle.connector.kinesis.source.serialization.KinesisDeserializationSchema;
import dev.riffle.connector.kinesis.source.serialization.KinesisRecord;
import dev.riffle.connector.kinesis.source.split.KinesisShardSplit;
import dev.riffle.connector.kinesis.source.split.StartingPosition;
import dev.riffle.connector.kinesis.source.testutil.FakeKinesis;
import dev.riffle.connector.kinesis.source.testutil.KplAggregates;
import dev.riffle.connector.kinesis.source.testutil.ManualClock;
import dev.riffle.connector.kinesis.source.testutil.Settings;
import dev.riffle.testing.Await;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.Collector;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The reader: what it emits, what it checkpoints, and what it tells the enumerator. */
class KinesisSourceReaderTest {

    private final FakeKinesis kinesis = FakeKinesis.withShards(2);
    private final TestingReaderContext context = new TestingReaderContext();
    private final TestingReaderOutput<String> output = new TestingReaderOutput<>();
    private KinesisSourceReader<String> reader;

    /** Payload, plus shard / sequence / sub-sequence for aggregated records, plus corrupt marks. */
    private static final KinesisDeserializationSchema<String> SCHEMA =
            new KinesisDeserializationSchema<>() {
                @Override
                public void deserialize(KinesisRecord r, Collector<String> out) {
                    String data = new String(r.data(), StandardCharsets.UTF_8);
                    out.collect(r.isAggregated() ? data + "#" + r.subSequenceNumber() : data);
                }

                @Override
                public void deserializeCorrupt(
                        KinesisRecord r, String reason, Collector<String> out) {
                    out.collect(
                            "DEAD-LETTER "
                                    + r.shardId()
                                    + "/"
                                    + r.sequenceNumber()
                                    + ": "
                                    + reason);
                }

                @Override
                public TypeInformation<String> getProducedType() {
                    return Types.STRING;
                }
            };

    private void startReader() {
        reader =
                new KinesisSourceReader<>(
                        () ->
                                new PollingShardSplitReader(
                                        kinesis,
                                        Settings.of(),
                                        UnregisteredMetricsGroup.createSourceReaderMetricGroup(),
                                        new ManualClock()),
                        new KinesisRecordEmitter<>(SCHEMA),
                        new Configuration(),
                        context);
        reader.start();
    }

    @AfterEach
    void close() throws Exception {
        if (reader != null) {
            reader.close();
        }
    }

    private static KinesisShardSplit split(String shard, StartingPosition p, boolean finished) {
        return new KinesisShardSplit(
                FakeKinesis.STREAM_ARN, shard, p, Set.of(), null, null, finished);
    }

    private void pollUntil(int records) {
        Await.until(
                Duration.ofSeconds(20),
                () -> {
                    try {
                        reader.pollNext(output);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return output.getEmittedRecords().size() >= records;
                },
                records + " records");
    }

    @Test
    void recordsCarryTheirArrivalTimeAndTheCheckpointResumesAfterTheLastOne() throws Exception {
        List<String> seqs = kinesis.put("shardId-000000000000", "a", "b");
        startReader();
        reader.addSplits(
                List.of(split("shardId-000000000000", StartingPosition.trimHorizon(), false)));

        pollUntil(2);

        assertThat(output.getEmittedRecords()).containsExactly("a", "b");
        assertThat(reader.snapshotState(1))
                .singleElement()
                .satisfies(
                        s ->
                                assertThat(s.startingPosition())
                                        .isEqualTo(
                                                StartingPosition.afterSequenceNumber(seqs.get(1))));
    }

    @Test
    void aCheckpointInsideAnAggregateResumesInsideIt() throws Exception {
        String shard = "shardId-000000000000";
        String seq =
                kinesis.putBytes(
                        shard,
                        "k",
                        KplAggregates.aggregate(
                                List.of(new String[] {"k", "u"}, new String[] {"k", "v"})));
        startReader();
        reader.addSplits(List.of(split(shard, StartingPosition.trimHorizon(), false)));
        // The output is handed records one pollNext at a time: stop after the first user record.
        Await.until(
                Duration.ofSeconds(20),
                () -> {
                    try {
                        reader.pollNext(output);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return !output.getEmittedRecords().isEmpty();
                },
                "first user record");

        assertThat(output.getEmittedRecords()).containsExactly("u#0");
        assertThat(reader.snapshotState(1).get(0).startingPosition())
                .isEqualTo(StartingPosition.afterSubSequenceNumber(seq, 0));
    }

    @Test
    void aCorruptAggregateGoesToTheSchemasDeadLetterPathAndReadingGoesOn() throws Exception {
        String shard = "shardId-000000000000";
        byte[] agg = KplAggregates.aggregate(List.<String[]>of(new String[] {"k", "x"}));
        agg[5] ^= 1;
        String bad = kinesis.putBytes(shard, "k", agg);
        kinesis.put(shard, "good");
        startReader();
        reader.addSplits(List.of(split(shard, StartingPosition.trimHorizon(), false)));

        pollUntil(2);

        assertThat(output.getEmittedRecords())
                .containsExactly(
                        "DEAD-LETTER "
                                + shard
                                + "/"
                                + bad
                                + ": KPL aggregate checksum (MD5) does not match",
                        "good");
    }

    @Test
    void aFinishedShardStaysInCheckpointsUntilTheEnumeratorAcknowledgesIt() throws Exception {
        String shard = "shardId-000000000000";
        kinesis.put(shard, "last");
        kinesis.close(shard);
        startReader();
        reader.addSplits(List.of(split(shard, StartingPosition.trimHorizon(), false)));
        pollUntil(1);
        Await.until(
                Duration.ofSeconds(20),
                () -> {
                    try {
                        reader.pollNext(output);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return !context.getSentEvents().isEmpty();
                },
                "the finished event");

        assertThat(context.getSentEvents())
                .singleElement()
                .isInstanceOfSatisfying(
                        SplitsFinishedEvent.class,
                        e -> assertThat(e.splitIds()).containsExactly(shard));
        // Before the ack: still in the checkpoint, marked finished
        assertThat(reader.snapshotState(1))
                .singleElement()
                .satisfies(s -> assertThat(s.isFinished()).isTrue());

        reader.handleSourceEvents(new SplitsFinishedAckEvent(Set.of(shard)));

        assertThat(reader.snapshotState(2)).isEmpty();
    }

    @Test
    void aRestoredFinishedShardIsReportedAgainAndNotRead() throws Exception {
        String shard = "shardId-000000000000";
        kinesis.put(shard, "must-not-be-read");
        startReader();

        reader.addSplits(List.of(split(shard, StartingPosition.trimHorizon(), true)));

        assertThat(context.getSentEvents())
                .singleElement()
                .isInstanceOfSatisfying(
                        SplitsFinishedEvent.class,
                        e -> assertThat(e.splitIds()).containsExactly(shard));
        assertThat(reader.snapshotState(1))
                .singleElement()
                .satisfies(s -> assertThat(s.isFinished()).isTrue());
        assertThat(kinesis.iteratorRequests).isEmpty();
    }
}
