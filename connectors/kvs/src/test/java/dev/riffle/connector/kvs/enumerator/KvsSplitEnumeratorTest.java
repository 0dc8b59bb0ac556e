package dev.riffle.connector.kvs.enumerator;

import dev.riffle.connector.kvs.StartSelector;
import dev.riffle.connector.kvs.split.KvsSplit;

import org.apache.flink.connector.testutils.source.reader.TestingSplitEnumeratorContext;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KvsSplitEnumeratorTest {

    private static List<KvsSplit> streams(int n) {
        List<KvsSplit> splits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            splits.add(KvsSplit.stream("camera-" + i, StartSelector.now()));
        }
        return splits;
    }

    @Test
    void givesEachStreamToExactlyOneReaderSpreadingThemOut() {
        TestingSplitEnumeratorContext<KvsSplit> context = new TestingSplitEnumeratorContext<>(2);
        KvsSplitEnumerator enumerator = new KvsSplitEnumerator(context, streams(4), false);

        context.registerReader(0, "host");
        enumerator.addReader(0);
        context.registerReader(1, "host");
        enumerator.addReader(1);

        List<KvsSplit> zero = context.getSplitAssignments().get(0).getAssignedSplits();
        List<KvsSplit> one = context.getSplitAssignments().get(1).getAssignedSplits();
        assertThat(zero).hasSize(2);
        assertThat(one).hasSize(2);
        assertThat(zero).doesNotContainAnyElementsOf(one);
        assertThat(context.getSplitAssignments().get(0).hasReceivedNoMoreSplitsSignal())
                .as("live streams never end")
                .isFalse();
        assertThat(enumerator.snapshotState(1).unassigned()).isEmpty();
    }

    @Test
    void splitsOfAFailedReaderGoBackToItWithTheirProgress() throws IOException {
        TestingSplitEnumeratorContext<KvsSplit> context = new TestingSplitEnumeratorContext<>(1);
        KvsSplitEnumerator enumerator = new KvsSplitEnumerator(context, streams(1), false);
        context.registerReader(0, "host");
        enumerator.addReader(0);
        KvsSplit progressed =
                new KvsSplit(
                        KvsSplit.Kind.STREAM,
                        "camera-0",
                        StartSelector.now(),
                        "123",
                        null,
                        null,
                        "123",
                        3);

        enumerator.addSplitsBack(List.of(progressed), 0);
        KvsEnumeratorState state = enumerator.snapshotState(2);
        KvsEnumeratorStateSerializer serializer = new KvsEnumeratorStateSerializer();
        KvsEnumeratorState restored =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(state));
        enumerator.addReader(0);

        assertThat(restored.unassigned()).containsExactly(progressed);
        assertThat(context.getSplitAssignments().get(0).getAssignedSplits())
                .last()
                .isEqualTo(progressed);
    }

    @Test
    void boundedFilesEndOnceAssigned() {
        TestingSplitEnumeratorContext<KvsSplit> context = new TestingSplitEnumeratorContext<>(1);
        KvsSplitEnumerator enumerator =
                new KvsSplitEnumerator(
                        context, List.of(KvsSplit.file("a.mkv"), KvsSplit.file("b.mkv")), true);
        context.registerReader(0, "host");
        enumerator.addReader(0);

        assertThat(context.getSplitAssignments().get(0).getAssignedSplits()).hasSize(2);
        assertThat(context.getSplitAssignments().get(0).hasReceivedNoMoreSplitsSignal()).isTrue();
    }
}
