package dev.riffle.connector.kinesis.source.reader.fanout;

import dev.riffle.connector.kinesis.source.reader.internal.FetchedRecord;
import dev.riffle.connector.kinesis.source.split.KinesisShardSplit;
import dev.riffle.connector.kinesis.source.split.StartingPosition;
import dev.riffle.connector.kinesis.source.testutil.FakeKinesis;
import dev.riffle.connector.kinesis.source.testutil.ManualClock;
import dev.riffle.connector.kinesis.source.testutil.Settings;

import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Enhanced fan-out against a fake whose subscriptions end, fail and reach a shard's end. */
class FanOutShardSplitReaderTest {

    private final FakeKinesis kinesis = FakeKinesis.withShards(1);
    private final String shard = "shardId-000000000000";
    private final ManualClock clock = new ManualClock();
    private final List<String> read = new ArrayList<>();
    private final Set<String> finished = new HashSet<>();

    private FanOutShardSplitReader reader(String lifecycle) {
        FanOutShardSplitReader r =
                new FanOutShardSplitReader(
                        kinesis,
                        Settings.of(
                                "source.reader.type", "EFO",
                                "source.efo.consumer.name", "riffle-test",
                                "source.efo.lifecycle", lifecycle),
                        UnregisteredMetricsGroup.createSourceReaderMetricGroup(),
                        clock);
        r.handleSplitsChanges(
                new SplitsAddition<>(
                        List.of(
                                new KinesisShardSplit(
                                        FakeKinesis.STREAM_ARN,
                                        shard,
                                        StartingPosition.trimHorizon(),
                                        Set.of(),
                                        null,
                                        null,
                                        false))));
        return r;
    }

    private void fetch(FanOutShardSplitReader r, int times) throws IOException {
        for (int i = 0; i < times && finished.isEmpty(); i++) {
            RecordsWithSplitIds<FetchedRecord> batch = r.fetch();
            for (String split = batch.nextSplit(); split != null; split = batch.nextSplit()) {
                for (FetchedRecord rec = batch.nextRecordFromSplit();
                        rec != null;
                        rec = batch.nextRecordFromSplit()) {
                    read.add(new String(rec.data, StandardCharsets.UTF_8));
                }
            }
            finished.addAll(batch.finishedSplits());
        }
    }

    @Test
    void anEndedSubscriptionIsRenewedFromTheContinuationSequenceNumber() throws IOException {
        List<String> seqs = kinesis.put(shard, "a", "b", "c", "d", "e");
        kinesis.close(shard);
        kinesis.eventsPerSubscription(1);
        kinesis.recordsPerEvent(2);
        FanOutShardSplitReader r = reader("JOB_MANAGED");

        fetch(r, 50);

        assertThat(read).containsExactly("a", "b", "c", "d", "e");
        assertThat(finished).containsExactly(shard);
        assertThat(kinesis.subscriptions)
                .containsExactly(
                        shard + " TRIM_HORIZON",
                        shard + " AFTER_SEQUENCE_NUMBER(" + seqs.get(1) + ")",
                        shard + " AFTER_SEQUENCE_NUMBER(" + seqs.get(3) + ")");
        assertThat(r.metrics(shard).resubscriptions().getCount()).isEqualTo(2);
    }

    @Test
    void aFailedSubscriptionIsRetriedWithBackoff() throws IOException {
        kinesis.put(shard, "a");
        kinesis.close(shard);
        kinesis.failSubscriptions(
                shard, LimitExceededException.builder().message("1 subscribe per second").build());
        FanOutShardSplitReader r = reader("JOB_MANAGED");

        fetch(r, 50);

        assertThat(read).containsExactly("a");
        assertThat(r.metrics(shard).throttledCalls().getCount()).isEqualTo(1);
        assertThat(kinesis.subscriptions).hasSize(2);
    }

    @Test
    void aShardThatIsNoLongerListedIsFinished() throws IOException {
        kinesis.failSubscriptions(
                shard, ResourceNotFoundException.builder().message("gone").build());
        kinesis.expire(shard);
        FanOutShardSplitReader r = reader("JOB_MANAGED");

        fetch(r, 10);

        assertThat(finished).containsExactly(shard);
    }

    @Test
    void aResourceNotFoundOnAShardStillListedIsRetried() throws IOException {
        kinesis.put(shard, "a");
        kinesis.close(shard);
        kinesis.failSubscriptions(
                shard, ResourceNotFoundException.builder().message("not yet").build());
        FanOutShardSplitReader r = reader("JOB_MANAGED");

        fetch(r, 50);

        // Read to its end on the second subscription, not finished by the first one's error.
        assertThat(read).containsExactly("a");
        assertThat(kinesis.subscriptions).hasSize(2);
        assertThat(finished).containsExactly(shard);
    }

    @Test
    void aSelfManagedConsumerMustExist() {
        FanOutShardSplitReader r = reader("SELF_MANAGED");

        assertThatThrownBy(() -> fetch(r, 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(
                        "Enhanced fan-out consumer 'riffle-test' is not registered on "
                                + FakeKinesis.STREAM_ARN
                                + ", and source.efo.lifecycle is SELF_MANAGED");
    }
}
