package dev.riffle.connector.kvs.enumerator;

import dev.riffle.connector.kvs.split.KvsSplit;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Hands each configured stream or file to one reader, round-robin in split-id order, so that a
 * stream is read by exactly one GetMedia connection (KVS limits concurrent connections per stream).
 * A split returned by a failed reader goes back to the reader that owns it when that reader
 * registers again. In bounded mode (files) readers are told there are no more splits once
 * everything is assigned.
 */
@Internal
public final class KvsSplitEnumerator implements SplitEnumerator<KvsSplit, KvsEnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(KvsSplitEnumerator.class);

    private final SplitEnumeratorContext<KvsSplit> context;
    private final boolean bounded;
    private final TreeMap<String, KvsSplit> unassigned = new TreeMap<>();
    private final Map<String, Integer> owners = new TreeMap<>();
    private final Set<Integer> toldNoMore = new HashSet<>();

    public KvsSplitEnumerator(
            SplitEnumeratorContext<KvsSplit> context, List<KvsSplit> splits, boolean bounded) {
        this.context = context;
        this.bounded = bounded;
        List<KvsSplit> sorted = new ArrayList<>(splits);
        sorted.sort(Comparator.comparing(KvsSplit::splitId));
        int parallelism = Math.max(1, context.currentParallelism());
        for (int i = 0; i < sorted.size(); i++) {
            KvsSplit split = sorted.get(i);
            unassigned.put(split.splitId(), split);
            owners.put(split.splitId(), i % parallelism);
        }
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {
        // Splits are pushed when readers register; nothing is pulled.
    }

    @Override
    public void addSplitsBack(List<KvsSplit> splits, int subtaskId) {
        for (KvsSplit split : splits) {
            unassigned.put(split.splitId(), split);
            owners.putIfAbsent(split.splitId(), subtaskId);
        }
        toldNoMore.remove(subtaskId);
        LOG.info("Reader {} returned {} KVS split(s)", subtaskId, splits.size());
    }

    @Override
    public void addReader(int subtaskId) {
        assignTo(subtaskId);
    }

    private void assignTo(int subtaskId) {
        List<KvsSplit> mine = new ArrayList<>();
        for (KvsSplit split : new ArrayList<>(unassigned.values())) {
            int owner =
                    owners.computeIfAbsent(
                            split.splitId(),
                            id -> Math.floorMod(id.hashCode(), context.currentParallelism()));
            if (owner % context.currentParallelism() == subtaskId) {
                mine.add(split);
                unassigned.remove(split.splitId());
            }
        }
        for (KvsSplit split : mine) {
            LOG.info("Assigning {} to reader {}", split, subtaskId);
            context.assignSplit(split, subtaskId);
        }
        if (bounded && !toldNoMore.contains(subtaskId)) {
            context.signalNoMoreSplits(subtaskId);
            toldNoMore.add(subtaskId);
        }
    }

    @Override
    public KvsEnumeratorState snapshotState(long checkpointId) {
        return new KvsEnumeratorState(new ArrayList<>(unassigned.values()));
    }

    @Override
    public void close() {}
}
