package dev.riffle.connector.kinesis.source.enumerator;

import dev.riffle.connector.kinesis.source.enumerator.tracker.ShardStatus;
import dev.riffle.connector.kinesis.source.event.SplitsFinishedAckEvent;
import dev.riffle.connector.kinesis.source.event.SplitsFinishedEvent;
import dev.riffle.connector.kinesis.source.split.KinesisShardSplit;
import dev.riffle.connector.kinesis.source.split.StartingPosition;
import dev.riffle.connector.kinesis.source.testutil.FakeKinesis;
import dev.riffle.connector.kinesis.source.testutil.Settings;

import org.apache.flink.connector.testutils.source.reader.TestingSplitEnumeratorContext;
import org.apache.flink.util.FlinkRuntimeException;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The enumerator, with discovery stepped by hand against a fake stream: which shard goes to which
 * reader, when, and from where.
 */
class KinesisSourceEnumeratorTest {

    private static final Instant JOB_START = Instant.ofEpochMilli(1_700_000_000_000L);

    private final FakeKinesis kinesis = FakeKinesis.withShards(0);
    private TestingSplitEnumeratorContext<KinesisShardSplit> context;
    private KinesisSourceEnumerator enumerator;

    private void startEnumerator(
            int parallelism, KinesisEnumeratorState restored, String... settings) {
        startEnumerator(parallelism, restored, Map.of(), settings);
    }

    private void startEnumerator(
            int parallelism,
            KinesisEnumeratorState restored,
            Map<String, StartingPosition> positions,
            String... settings) {
        context = new TestingSplitEnumeratorContext<>(parallelism);
        enumerator =
                new KinesisSourceEnumerator(
                        context, Settings.of(settings), kinesis, positions, restored);
        enumerator.start();
    }

    private void registerReaders(int n) {
        for (int i = 0; i < n; i++) {
            context.registerReader(i, "localhost");
            enumerator.addReader(i);
        }
    }

    private void discover() {
        enumerator.onShardsDiscovered(enumerator.discoverShards(), null);
    }

    private void finish(int subtask, String... shards) {
        enumerator.handleSourceEvent(subtask, new SplitsFinishedEvent(Set.of(shards)));
    }

    /** shard id -> (subtask, start position) of every split assigned so far. */
    private Map<String, String> assigned() {
        Map<String, String> out = new TreeMap<>();
        context.getSplitAssignments()
                .forEach(
                        (subtask, state) ->
                                state.getAssignedSplits()
                                        .forEach(
                                                s ->
                                                        out.put(
                                                                s.shardId(),
                                                                subtask
                                                                        + " "
                                                                        + s.startingPosition())));
        return out;
    }

    @Test
    void shardsAreAssignedOnceEveryReaderHasRegistered() {
        // Given a stream with four shards and a job starting at TRIM_HORIZON with two readers
        for (int i = 0; i < 4; i++) {
            kinesis.addShard();
        }
        startEnumerator(2, null);

        // When the first discovery runs before any reader registered
        discover();

        // Then nothing is assigned yet
        assertThat(assigned()).isEmpty();

        // When both readers register
        registerReaders(2);

        // Then the shards are spread evenly, in shard id order
        assertThat(assigned())
                .containsExactlyEntriesOf(
                        new TreeMap<>(
                                Map.of(
                                        "shardId-000000000000", "0 TRIM_HORIZON",
                                        "shardId-000000000001", "1 TRIM_HORIZON",
                                        "shardId-000000000002", "0 TRIM_HORIZON",
                                        "shardId-000000000003", "1 TRIM_HORIZON")));
    }

    @Test
    void latestIsRecordedAsTheJobStartTime() {
        kinesis.addShard();
        startEnumerator(1, null, "source.init.position", "LATEST");
        registerReaders(1);

        discover();

        assertThat(assigned())
                .containsEntry("shardId-000000000000", "0 AT_TIMESTAMP(" + JOB_START + ")");
    }

    @Test
    void aShardStartingPositionOverridesTheInitialPosition() {
        kinesis.addShard();
        kinesis.addShard();
        startEnumerator(
                1,
                null,
                Map.of("shardId-000000000001", StartingPosition.afterSequenceNumber("42")));
        registerReaders(1);

        discover();

        assertThat(assigned())
                .containsEntry("shardId-000000000000", "0 TRIM_HORIZON")
                .containsEntry("shardId-000000000001", "0 AFTER_SEQUENCE_NUMBER(42)");
    }

    @Test
    void childrenOfASplitWaitUntilTheirParentIsFinished() {
        // Given one shard being read
        String parent = kinesis.addShard();
        startEnumerator(2, null, "source.init.position", "LATEST");
        registerReaders(2);
        discover();

        // When it is split and discovery finds the children
        List<String> children = kinesis.split(parent);
        discover();

        // Then the children wait for the parent
        assertThat(assigned()).containsOnlyKeys(parent);

        // When the reader reports the parent finished
        finish(0, parent);

        // Then the children are assigned, from their start, and the reader gets an ack
        assertThat(assigned())
                .containsEntry(children.get(0), "0 TRIM_HORIZON")
                .containsEntry(children.get(1), "1 TRIM_HORIZON");
        assertThat(context.getSentEvents().get(0))
                .singleElement()
                .isInstanceOfSatisfying(
                        SplitsFinishedAckEvent.class,
                        e -> assertThat(e.splitIds()).containsExactly(parent));
    }

    @Test
    void aMergedChildWaitsForBothParents() {
        String a = kinesis.addShard();
        String b = kinesis.addShard();
        startEnumerator(2, null);
        registerReaders(2);
        discover();
        String child = kinesis.merge(a, b);
        discover();

        finish(0, a);
        assertThat(assigned()).doesNotContainKey(child);

        finish(1, b);
        assertThat(assigned()).containsKey(child);
    }

    @Test
    void aFinishedParentStaysInStateUntilTheStreamNoLongerListsIt() {
        String parent = kinesis.addShard();
        startEnumerator(1, null);
        registerReaders(1);
        discover();
        kinesis.split(parent);
        discover();
        finish(0, parent);

        // Still listed: kept as FINISHED, so a restore can never read it again
        assertThat(statusOf(enumerator.snapshotState(1), parent)).isEqualTo(ShardStatus.FINISHED);

        // Past retention: forgotten
        kinesis.expire(parent);
        discover();
        assertThat(statusOf(enumerator.snapshotState(2), parent)).isNull();
    }

    @Test
    void aRestoredEnumeratorReadsNewShardsFromTheirStartAndKeepsAssignments() {
        String first = kinesis.addShard();
        startEnumerator(1, null, "source.init.position", "LATEST");
        registerReaders(1);
        discover();
        KinesisEnumeratorState checkpoint = enumerator.snapshotState(1);

        // When the job restarts from the checkpoint and a new shard has appeared
        kinesis.split(first);
        startEnumerator(1, checkpoint, "source.init.position", "LATEST");
        registerReaders(1);
        discover();

        // Then the known shard is not assigned again, and the children wait for it
        assertThat(assigned()).isEmpty();
        finish(0, first);
        assertThat(assigned().values()).containsOnly("0 TRIM_HORIZON").hasSize(2);
    }

    @Test
    void splitsAddedBackAfterAReaderFailureAreAssignedAgainFromTheirPosition() {
        String shard = kinesis.addShard();
        startEnumerator(2, null);
        registerReaders(2);
        discover();
        KinesisShardSplit given = context.getSplitAssignments().get(0).getAssignedSplits().get(0);

        enumerator.addSplitsBack(
                List.of(given.withStartingPosition(StartingPosition.afterSequenceNumber("7"))), 0);

        assertThat(
                        context.getSplitAssignments().values().stream()
                                .flatMap(s -> s.getAssignedSplits().stream())
                                .filter(s -> s.shardId().equals(shard))
                                .map(s -> s.startingPosition().toString())
                                .collect(Collectors.toList()))
                .containsExactly("TRIM_HORIZON", "AFTER_SEQUENCE_NUMBER(7)");
    }

    @Test
    void aRepeatedFinishedReportIsHarmless() {
        String parent = kinesis.addShard();
        startEnumerator(1, null);
        registerReaders(1);
        discover();
        List<String> children = kinesis.split(parent);
        discover();

        finish(0, parent);
        finish(0, parent);

        assertThat(assigned()).containsKeys(children.get(0), children.get(1));
        assertThat(context.getSplitAssignments().get(0).getAssignedSplits()).hasSize(3);
    }

    @Test
    void hashAssignmentDependsOnlyOnTheShardIdAndParallelism() {
        for (int i = 0; i < 6; i++) {
            kinesis.addShard();
        }
        startEnumerator(3, null, "source.shard.assigner", "HASH");
        registerReaders(3);
        discover();
        Map<String, String> first = assigned();

        startEnumerator(3, null, "source.shard.assigner", "HASH");
        registerReaders(3);
        discover();

        assertThat(assigned()).isEqualTo(first);
        first.forEach(
                (shard, where) ->
                        assertThat(where)
                                .startsWith(String.valueOf(Math.floorMod(shard.hashCode(), 3))));
    }

    private static ShardStatus statusOf(KinesisEnumeratorState state, String shardId) {
        return state.shards().stream()
                .filter(e -> e.shardId().equals(shardId))
                .map(e -> e.status())
                .findFirst()
                .orElse(null);
    }

    private static KinesisException serviceError(String code, int status) {
        return (KinesisException)
                KinesisException.builder()
                        .statusCode(status)
                        .awsErrorDetails(
                                AwsErrorDetails.builder()
                                        .errorCode(code)
                                        .errorMessage("answer of the service")
                                        .build())
                        .build();
    }

    @Test
    void rejectedCredentialsFailTheSourceNamingTheStreamAndTheCode() {
        startEnumerator(1, null);
        registerReaders(1);

        assertThatThrownBy(
                        () ->
                                enumerator.onShardsDiscovered(
                                        null, serviceError("UnrecognizedClientException", 400)))
                .isInstanceOf(FlinkRuntimeException.class)
                .hasMessageContaining(FakeKinesis.STREAM_ARN)
                .hasMessageContaining("the credentials were rejected (UnrecognizedClientException)")
                .hasMessageContaining("aws.credentials.provider");
        assertThatThrownBy(
                        () ->
                                enumerator.onShardsDiscovered(
                                        null, serviceError("AccessDeniedException", 400)))
                .hasMessageContaining("not allowed to kinesis:ListShards")
                .hasMessageContaining("(AccessDeniedException)");
    }

    @Test
    void aTransientDiscoveryFailureIsRetriedAtTheNextInterval() {
        startEnumerator(1, null);
        registerReaders(1);

        assertThatCode(
                        () ->
                                enumerator.onShardsDiscovered(
                                        null, serviceError("InternalFailure", 500)))
                .doesNotThrowAnyException();
    }
}
