package dev.riffle.connector.kinesis.source.reader.polling;

import dev.riffle.connector.kinesis.source.reader.internal.FetchedRecord;
import dev.riffle.connector.kinesis.source.split.KinesisShardSplit;
import dev.riffle.connector.kinesis.source.split.StartingPosition;
import dev.riffle.connector.kinesis.source.testutil.FakeKinesis;
import dev.riffle.connector.kinesis.source.testutil.KplAggregates;
import dev.riffle.connector.kinesis.source.testutil.ManualClock;
import dev.riffle.connector.kinesis.source.testutil.Settings;

import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.AccessDeniedException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The polling fetcher against a fake Kinesis with faults the emulator cannot produce. */
class PollingShardSplitReaderTest {

    private final FakeKinesis kinesis = FakeKinesis.withShards(1);
    private final String shard = "shardId-000000000000";
    private final ManualClock clock = new ManualClock();
    private final List<String> read = new ArrayList<>();
    private final Set<String> finished = new HashSet<>();

    private PollingShardSplitReader reader(String... settings) {
        PollingShardSplitReader r =
                new PollingShardSplitReader(
                        kinesis,
                        Settings.of(settings),
                        UnregisteredMetricsGroup.createSourceReaderMetricGroup(),
                        clock);
        return r;
    }

    private void assign(PollingShardSplitReader r, StartingPosition position) {
        r.handleSplitsChanges(
                new SplitsAddition<>(
                        List.of(
                                new KinesisShardSplit(
                                        FakeKinesis.STREAM_ARN,
                                        shard,
                                        position,
                                        Set.of(),
                                        null,
                                        null,
                                        false))));
    }

    /** Fetches n times, collecting payloads and finished shards. */
    private void fetch(PollingShardSplitReader r, int times) throws IOException {
        for (int i = 0; i < times; i++) {
            RecordsWithSplitIds<FetchedRecord> batch = r.fetch();
            for (String split = batch.nextSplit(); split != null; split = batch.nextSplit()) {
                for (FetchedRecord rec = batch.nextRecordFromSplit();
                        rec != null;
                        rec = batch.nextRecordFromSplit()) {
                    read.add(
                            rec.isCorrupt()
                                    ? "CORRUPT:" + rec.corruption()
                                    : new String(rec.data, StandardCharsets.UTF_8));
                }
            }
            finished.addAll(batch.finishedSplits());
        }
    }

    @Test
    void readsAClosedShardToItsEndAndFinishesIt() throws IOException {
        kinesis.put(shard, "a", "b", "c");
        kinesis.close(shard);
        PollingShardSplitReader r = reader();
        assign(r, StartingPosition.trimHorizon());

        fetch(r, 3);

        assertThat(read).containsExactly("a", "b", "c");
        assertThat(finished).containsExactly(shard);
    }

    @Test
    void throttlingIsRetriedWithBackoffAndCountedWithoutLosingRecords() throws IOException {
        kinesis.put(shard, "a", "b");
        kinesis.close(shard);
        kinesis.failGetRecords(
                shard,
                ProvisionedThroughputExceededException.builder().message("slow down").build(),
                LimitExceededException.builder().message("limit").build(),
                ProvisionedThroughputExceededException.builder().message("slow down").build());
        PollingShardSplitReader r = reader();
        assign(r, StartingPosition.trimHorizon());

        fetch(r, 10);

        assertThat(read).containsExactly("a", "b");
        assertThat(finished).containsExactly(shard);
        assertThat(r.metrics(shard).throttledCalls().getCount()).isEqualTo(3);
        // Three backoffs of at least half of 200, 400 and 800 ms.
        assertThat(clock.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    }

    @Test
    void anExpiredIteratorIsRenewedAfterTheLastRecordRead() throws IOException {
        List<String> seqs = kinesis.put(shard, "a", "b");
        PollingShardSplitReader r = reader("source.shard.get-records.max-record-count", "2");
        assign(r, StartingPosition.trimHorizon());
        fetch(r, 1);
        kinesis.put(shard, "c");
        kinesis.close(shard);
        kinesis.expireIterators(shard);

        fetch(r, 10);

        assertThat(read).containsExactly("a", "b", "c");
        assertThat(kinesis.iteratorRequests)
                .containsExactly(
                        shard + " TRIM_HORIZON",
                        shard + " AFTER_SEQUENCE_NUMBER(" + seqs.get(1) + ")");
        assertThat(r.metrics(shard).iteratorRenewals().getCount()).isEqualTo(1);
    }

    @Test
    void aShardPastRetentionIsFinishedInsteadOfFailingTheJob() throws IOException {
        kinesis.put(shard, "a");
        kinesis.expire(shard);
        PollingShardSplitReader r = reader();
        assign(r, StartingPosition.trimHorizon());

        fetch(r, 1);

        assertThat(read).isEmpty();
        assertThat(finished).containsExactly(shard);
    }

    @Test
    void aShardThatIsStillListedIsRetriedNotFinishedAndFailsInTheEnd() {
        kinesis.put(shard, "a");
        kinesis.delete(shard);
        PollingShardSplitReader r = reader();
        assign(r, StartingPosition.trimHorizon());

        assertThatThrownBy(() -> fetch(r, 500))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Reading shard " + shard + " of " + FakeKinesis.STREAM_ARN)
                .hasMessageContaining("deleted");
        assertThat(finished).isEmpty();
        assertThat(kinesis.iteratorRequests)
                .hasSize(PollingShardSplitReader.MAX_TRANSIENT_ATTEMPTS + 1);
    }

    @Test
    void aDeletedStreamFailsTheReaderNamingTheStream() {
        kinesis.put(shard, "a");
        kinesis.expire(shard);
        kinesis.deleteStream();
        PollingShardSplitReader r = reader();
        assign(r, StartingPosition.trimHorizon());

        assertThatThrownBy(() -> fetch(r, 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(
                        "Kinesis stream " + FakeKinesis.STREAM_ARN + " no longer exists");
        assertThat(finished).isEmpty();
    }

    @Test
    void anIdleShardIsPolledAtTheIdleIntervalNotInALoop() throws IOException {
        PollingShardSplitReader r = reader();
        assign(r, StartingPosition.trimHorizon());

        fetch(r, 20);
        Duration elapsed = clock.waited();

        // Each call is followed by a 250 ms rest (source.reader.empty-records-fetch-interval).
        int calls = kinesis.getRecordsCalls.get(shard).get();
        assertThat(calls).isLessThanOrEqualTo((int) (elapsed.toMillis() / 250) + 1);
        assertThat(calls).isGreaterThan(1);
    }

    @Test
    void callsOnAShardWithDataAreSpacedByTheLeastInterval() throws IOException {
        for (int i = 0; i < 10; i++) {
            kinesis.put(shard, "r" + i);
        }
        PollingShardSplitReader r = reader("source.shard.get-records.max-record-count", "1");
        assign(r, StartingPosition.trimHorizon());

        fetch(r, 40);

        assertThat(read).hasSize(10);
        // 5 calls per second per shard at most.
        assertThat(clock.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(9 * 200));
    }

    @Test
    void theByteBudgetSlowsDownLargeReads() throws IOException {
        kinesis.putBytes(shard, "k", new byte[1024 * 1024]);
        kinesis.putBytes(shard, "k", new byte[1024 * 1024]);
        PollingShardSplitReader r =
                reader(
                        "source.shard.get-records.max-record-count", "1",
                        "source.shard.get-records.max-bytes-per-second", "1mb");
        assign(r, StartingPosition.trimHorizon());

        fetch(r, 2);

        assertThat(kinesis.getRecordsCalls.get(shard).get()).isEqualTo(1);
        assertThat(clock.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(990));
    }

    @Test
    void aCorruptAggregateBecomesACorruptRecordAndIsCounted() throws IOException {
        byte[] agg = KplAggregates.aggregate(List.<String[]>of(new String[] {"k", "x"}));
        agg[agg.length - 1] ^= 1;
        kinesis.putBytes(shard, "k", agg);
        kinesis.put(shard, "after");
        PollingShardSplitReader r = reader();
        assign(r, StartingPosition.trimHorizon());

        fetch(r, 1);

        assertThat(read)
                .containsExactly("CORRUPT:KPL aggregate checksum (MD5) does not match", "after");
        assertThat(r.metrics(shard).corruptAggregates().getCount()).isEqualTo(1);
    }

    @Test
    void resumingInsideAnAggregateSkipsTheUserRecordsAlreadyRead() throws IOException {
        String seq =
                kinesis.putBytes(
                        shard,
                        "k",
                        KplAggregates.aggregate(
                                List.of(
                                        new String[] {"k", "u0"},
                                        new String[] {"k", "u1"},
                                        new String[] {"k", "u2"})));
        kinesis.put(shard, "next");
        PollingShardSplitReader r = reader();
        assign(r, StartingPosition.afterSubSequenceNumber(seq, 1));

        fetch(r, 1);

        assertThat(read).containsExactly("u2", "next");
    }

    @Test
    void anAccessDeniedErrorFailsWithTheShardAndPosition() {
        kinesis.failGetRecords(
                shard, AccessDeniedException.builder().message("not allowed").build());
        PollingShardSplitReader r = reader();
        assign(r, StartingPosition.trimHorizon());

        assertThatThrownBy(() -> fetch(r, 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Reading shard " + shard)
                .hasMessageContaining("failed at TRIM_HORIZON: not allowed");
    }

    @Test
    void pausedShardsAreNotPolled() throws IOException {
        kinesis.put(shard, "a");
        PollingShardSplitReader r = reader();
        KinesisShardSplit split =
                new KinesisShardSplit(
                        FakeKinesis.STREAM_ARN,
                        shard,
                        StartingPosition.trimHorizon(),
                        Set.of(),
                        null,
                        null,
                        false);
        r.handleSplitsChanges(new SplitsAddition<>(List.of(split)));
        r.pauseOrResumeSplits(List.of(split), List.of());

        fetch(r, 3);
        assertThat(read).isEmpty();

        r.pauseOrResumeSplits(List.of(), List.of(split));
        fetch(r, 1);
        assertThat(read).containsExactly("a");
    }
}
