package dev.riffle.connector.kinesis.source.enumerator;

import dev.riffle.connector.kinesis.aws.internal.AuthErrors;
import dev.riffle.connector.kinesis.source.config.internal.SourceSettings;
import dev.riffle.connector.kinesis.source.enumerator.assigner.ShardAssigner;
import dev.riffle.connector.kinesis.source.enumerator.tracker.ShardTracker;
import dev.riffle.connector.kinesis.source.event.SplitsFinishedAckEvent;
import dev.riffle.connector.kinesis.source.event.SplitsFinishedEvent;
import dev.riffle.connector.kinesis.source.proxy.StreamProxy;
import dev.riffle.connector.kinesis.source.split.KinesisShardSplit;
import dev.riffle.connector.kinesis.source.split.StartingPosition;

import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.util.FlinkRuntimeException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Discovers the stream's shards at start and every {@code source.shard.discovery.interval}, and
 * assigns each shard to a reader once all its parents have been read to their end.
 *
 * <p>Shards known at the first discovery start at the configured position (or the per-shard
 * sequence number given to the builder); shards found later are children of a split or merge and
 * start at their beginning. Assignment waits until every reader has registered, so that it is the
 * same for the same shards and parallelism.
 *
 * <p>{@link #addSplitsBack} puts a failed reader's unconfirmed shards back for assignment, so a
 * single reader failure needs no more than Flink's own failover.
 */
@Internal
public final class KinesisSourceEnumerator
        implements SplitEnumerator<KinesisShardSplit, KinesisEnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisSourceEnumerator.class);

    private final SplitEnumeratorContext<KinesisShardSplit> context;
    private final SourceSettings settings;
    private final StreamProxy proxy;
    private final ShardAssigner assigner;
    private final Map<String, StartingPosition> shardPositions;
    private final ShardTracker tracker;
    private boolean initialDiscoveryDone;
    @Nullable private volatile String streamArn;

    public KinesisSourceEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> context,
            SourceSettings settings,
            StreamProxy proxy,
            Map<String, StartingPosition> shardPositions,
            @Nullable KinesisEnumeratorState restored) {
        this.context = context;
        this.settings = settings;
        this.proxy = proxy;
        this.assigner = ShardAssigner.of(settings.assigner);
        this.shardPositions = new HashMap<>(shardPositions);
        this.tracker = restored == null ? new ShardTracker() : new ShardTracker(restored.shards());
        this.initialDiscoveryDone = restored != null && restored.initialDiscoveryDone();
        this.streamArn = settings.stream.arn().orElse(null);
    }

    @Override
    public void start() {
        long interval = settings.discoveryInterval.toMillis();
        context.callAsync(this::discoverShards, this::onShardsDiscovered, 0, interval);
    }

    /** Lists the shards; runs on a worker thread, touches no enumerator state but the ARN. */
    @VisibleForTesting
    List<Shard> discoverShards() {
        if (streamArn == null) {
            streamArn = proxy.describeStreamSummary().streamARN();
        }
        return proxy.listShards();
    }

    @VisibleForTesting
    void onShardsDiscovered(@Nullable List<Shard> shards, @Nullable Throwable error) {
        if (error != null) {
            if (error instanceof ResourceNotFoundException) {
                throw new FlinkRuntimeException(
                        "Kinesis stream "
                                + settings.stream
                                + " does not exist (or is not visible with these credentials):"
                                + " check stream.arn / stream.name and aws.region",
                        error);
            }
            // Credentials that are rejected or not allowed stay so: fail (and let the restart
            // strategy decide) rather than warn every discovery interval for ever.
            String denied =
                    AuthErrors.describe(error, "kinesis:ListShards / DescribeStreamSummary")
                            .orElse(null);
            if (denied != null) {
                throw new FlinkRuntimeException(
                        "Cannot list the shards of Kinesis stream "
                                + settings.stream
                                + ": "
                                + denied,
                        error);
            }
            LOG.warn(
                    "Listing the shards of {} failed; trying again in {}",
                    settings.stream,
                    settings.discoveryInterval,
                    error);
            return;
        }
        StartingPosition initial = settings.initialStartingPosition();
        List<String> added =
                tracker.update(
                        streamArn,
                        shards,
                        id ->
                                initialDiscoveryDone
                                        ? StartingPosition.trimHorizon()
                                        : shardPositions.getOrDefault(id, initial));
        if (!added.isEmpty()) {
            LOG.info(
                    "Discovered shards {} of {}{}",
                    added,
                    settings.stream,
                    initialDiscoveryDone ? " (read from their start)" : " (from " + initial + ")");
        }
        initialDiscoveryDone = true;
        assignReadyShards();
    }

    private void assignReadyShards() {
        int parallelism = context.currentParallelism();
        if (context.registeredReaders().size() < parallelism) {
            return;
        }
        int[] counts = tracker.assignedCounts(parallelism);
        Map<Integer, List<KinesisShardSplit>> assignment = new HashMap<>();
        for (KinesisShardSplit split : tracker.readyToAssign()) {
            int subtask = assigner.assign(split, counts);
            counts[subtask]++;
            tracker.markAssigned(split.shardId(), subtask);
            assignment.computeIfAbsent(subtask, k -> new ArrayList<>()).add(split);
        }
        if (!assignment.isEmpty()) {
            LOG.info("Assigning shards {}", assignment);
            context.assignSplits(new SplitsAssignment<>(assignment));
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {
        // Shards are pushed to readers as they become ready.
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        if (event instanceof SplitsFinishedEvent) {
            SplitsFinishedEvent finished = (SplitsFinishedEvent) event;
            finished.splitIds().forEach(tracker::markFinished);
            LOG.info("Reader {} finished shards {}", subtaskId, finished.splitIds());
            context.sendEventToSourceReader(
                    subtaskId, new SplitsFinishedAckEvent(finished.splitIds()));
            assignReadyShards();
        }
    }

    @Override
    public void addSplitsBack(List<KinesisShardSplit> splits, int subtaskId) {
        LOG.info("Reader {} failed; shards {} go back for assignment", subtaskId, splits);
        splits.forEach(tracker::markUnassigned);
        assignReadyShards();
    }

    @Override
    public void addReader(int subtaskId) {
        assignReadyShards();
    }

    @Override
    public KinesisEnumeratorState snapshotState(long checkpointId) {
        return new KinesisEnumeratorState(tracker.snapshot(), initialDiscoveryDone);
    }

    @Override
    public void close() {
        proxy.close();
    }

    @VisibleForTesting
    ShardTracker tracker() {
        return tracker;
    }
}
