package dev.riffle.connector.kinesis.source.reader;

import dev.riffle.connector.kinesis.source.event.SplitsFinishedAckEvent;
import dev.riffle.connector.kinesis.source.event.SplitsFinishedEvent;
import dev.riffle.connector.kinesis.source.reader.internal.FetchedRecord;
import dev.riffle.connector.kinesis.source.split.KinesisShardSplit;
import dev.riffle.connector.kinesis.source.split.internal.KinesisShardSplitState;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Reads the shards assigned to one subtask on one fetcher thread.
 *
 * <p>A shard read to its end is reported to the enumerator and kept, marked finished, in this
 * reader's checkpoints until the enumerator acknowledges it (FLINK-37627): if a checkpoint falls
 * between the enumerator's snapshot and this reader's, the restored reader reports the end again
 * and the shard's children are not lost.
 */
@Internal
public final class KinesisSourceReader<T>
        extends SingleThreadMultiplexSourceReaderBase<
                FetchedRecord, T, KinesisShardSplit, KinesisShardSplitState> {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisSourceReader.class);

    /** Finished shards the enumerator has not acknowledged yet, by shard id. */
    private final Map<String, KinesisShardSplit> finishedUnacknowledged = new TreeMap<>();

    public KinesisSourceReader(
            Supplier<SplitReader<FetchedRecord, KinesisShardSplit>> splitReaderSupplier,
            KinesisRecordEmitter<T> emitter,
            Configuration config,
            SourceReaderContext context) {
        super(splitReaderSupplier, emitter, config, context);
    }

    @Override
    public void addSplits(List<KinesisShardSplit> splits) {
        List<KinesisShardSplit> live = new ArrayList<>();
        Set<String> restoredFinished = new TreeSet<>();
        for (KinesisShardSplit split : splits) {
            if (split.isFinished()) {
                finishedUnacknowledged.put(split.splitId(), split);
                restoredFinished.add(split.splitId());
            } else {
                live.add(split);
            }
        }
        if (!restoredFinished.isEmpty()) {
            LOG.info("Reporting restored finished shards {} again", restoredFinished);
            context.sendSourceEventToCoordinator(new SplitsFinishedEvent(restoredFinished));
        }
        if (!live.isEmpty()) {
            super.addSplits(live);
        }
    }

    @Override
    protected void onSplitFinished(Map<String, KinesisShardSplitState> finished) {
        finished.forEach(
                (id, state) -> finishedUnacknowledged.put(id, state.toSplit().asFinished()));
        context.sendSourceEventToCoordinator(new SplitsFinishedEvent(finished.keySet()));
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
        if (event instanceof SplitsFinishedAckEvent) {
            ((SplitsFinishedAckEvent) event).splitIds().forEach(finishedUnacknowledged::remove);
        } else {
            super.handleSourceEvents(event);
        }
    }

    @Override
    public List<KinesisShardSplit> snapshotState(long checkpointId) {
        List<KinesisShardSplit> splits = new ArrayList<>(super.snapshotState(checkpointId));
        splits.addAll(finishedUnacknowledged.values());
        return splits;
    }

    @Override
    protected KinesisShardSplitState initializedState(KinesisShardSplit split) {
        return new KinesisShardSplitState(split);
    }

    @Override
    protected KinesisShardSplit toSplitType(String splitId, KinesisShardSplitState state) {
        return state.toSplit();
    }
}
