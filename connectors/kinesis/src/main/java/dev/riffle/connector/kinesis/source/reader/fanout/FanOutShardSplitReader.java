package dev.riffle.connector.kinesis.source.reader.fanout;

import dev.riffle.connector.kinesis.source.config.KinesisSourceOptions.ConsumerLifecycle;
import dev.riffle.connector.kinesis.source.config.internal.SourceSettings;
import dev.riffle.connector.kinesis.source.metrics.ShardMetrics;
import dev.riffle.connector.kinesis.source.proxy.StreamProxy;
import dev.riffle.connector.kinesis.source.reader.internal.Backoff;
import dev.riffle.connector.kinesis.source.reader.internal.Clock;
import dev.riffle.connector.kinesis.source.reader.internal.ErrorClassifier;
import dev.riffle.connector.kinesis.source.reader.internal.FetchedRecord;
import dev.riffle.connector.kinesis.source.reader.internal.KplDeaggregator;
import dev.riffle.connector.kinesis.source.split.KinesisShardSplit;
import dev.riffle.connector.kinesis.source.split.StartingPosition;

import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Reads the assigned shards with enhanced fan-out: one SubscribeToShard per shard, renewed from the
 * last continuation sequence number when it ends (every 5 minutes) or fails (with backoff and
 * jitter), and finished when the service signals the shard's end (no continuation sequence number).
 * The consumer is looked up (and, when {@code JOB_MANAGED}, registered) on first use.
 */
@Internal
public final class FanOutShardSplitReader implements SplitReader<FetchedRecord, KinesisShardSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(FanOutShardSplitReader.class);

    static final int MAX_TRANSIENT_ATTEMPTS = 10;
    private static final long MAX_WAIT_NANOS = Duration.ofMillis(200).toNanos();

    private final StreamProxy proxy;
    private final SourceSettings settings;
    private final SourceReaderMetricGroup metricGroup;

    /** The reader's standard numBytesIn, fed with the record bytes read. */
    private final Counter numBytesIn;

    private final Clock clock;
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));
    private final KplDeaggregator deaggregator = new KplDeaggregator();
    private final Map<String, ShardState> shards = new LinkedHashMap<>();
    private final Map<String, ShardMetrics> metricsByShard = new LinkedHashMap<>();
    private final Object monitor = new Object();
    private boolean signalled;
    private String consumerArn;

    public FanOutShardSplitReader(
            StreamProxy proxy, SourceSettings settings, SourceReaderMetricGroup group) {
        this(proxy, settings, group, Clock.SYSTEM);
    }

    @VisibleForTesting
    public FanOutShardSplitReader(
            StreamProxy proxy,
            SourceSettings settings,
            SourceReaderMetricGroup group,
            Clock clock) {
        this.proxy = proxy;
        this.settings = settings;
        this.metricGroup = group;
        this.numBytesIn = group.getIOMetricGroup().getNumBytesInCounter();
        this.clock = clock;
    }

    @Override
    public RecordsWithSplitIds<FetchedRecord> fetch() throws IOException {
        if (shards.isEmpty()) {
            return empty();
        }
        if (consumerArn == null) {
            consumerArn = resolveConsumer();
        }
        long now = clock.nanoTime();
        RecordsBySplits.Builder<FetchedRecord> out = new RecordsBySplits.Builder<>();
        boolean any = false;
        for (ShardState s : new ArrayList<>(shards.values())) {
            any |= step(s, now, out);
        }
        if (!any) {
            synchronized (monitor) {
                if (!signalled) {
                    try {
                        clock.await(monitor, MAX_WAIT_NANOS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("Interrupted while waiting for shard events", e);
                    }
                }
                signalled = false;
            }
        }
        return out.build();
    }

    /** Advances one shard; returns true if it produced records or finished. */
    private boolean step(ShardState s, long now, RecordsBySplits.Builder<FetchedRecord> out)
            throws IOException {
        if (s.paused) {
            return false;
        }
        if (s.subscription == null) {
            if (now >= s.dueNanos) {
                subscribe(s, now);
            }
            return false;
        }
        SubscribeToShardEvent event = s.subscription.poll();
        if (event != null) {
            s.attempts = 0;
            return handleEvent(s, event, out);
        }
        if (s.subscription.isOver()) {
            handleEnd(s, now, out);
            return !shards.containsKey(s.shardId);
        }
        if (!s.subscription.receivedEvent
                && now - s.subscription.startedNanos > settings.efoSubscriptionTimeout.toNanos()) {
            LOG.warn(
                    "Subscription to shard {} sent nothing within {}; subscribing again",
                    s.shardId,
                    settings.efoSubscriptionTimeout);
            s.subscription.cancel();
            s.subscription = null;
            s.dueNanos = now + backoff.delayNanos(s.attempts++);
        }
        return false;
    }

    private boolean handleEvent(
            ShardState s, SubscribeToShardEvent event, RecordsBySplits.Builder<FetchedRecord> out) {
        List<FetchedRecord> records = new ArrayList<>(event.records().size());
        long bytes = 0;
        for (Record r : event.records()) {
            bytes += r.data().asByteArrayUnsafe().length;
            deaggregator.deaggregate(r, records);
        }
        if (s.skipSequenceNumber != null && !records.isEmpty()) {
            records.removeIf(
                    r ->
                            r.sequenceNumber.equals(s.skipSequenceNumber)
                                    && r.subSequenceNumber >= 0
                                    && r.subSequenceNumber <= s.skipSubSequenceNumber);
            s.skipSequenceNumber = null;
        }
        for (FetchedRecord r : records) {
            if (r.isCorrupt()) {
                s.metrics.corruptAggregates().inc();
                LOG.warn(
                        "Corrupt KPL aggregate in shard {} at sequence number {}: {}",
                        s.shardId,
                        r.sequenceNumber,
                        r.corruption());
            }
        }
        s.metrics.recordsRead().inc(records.size());
        s.metrics.bytesRead().inc(bytes);
        numBytesIn.inc(bytes);
        if (event.millisBehindLatest() != null) {
            s.metrics.millisBehindLatest(event.millisBehindLatest());
        }
        out.addAll(s.shardId, records);
        String continuation = event.continuationSequenceNumber();
        if (continuation == null) {
            LOG.info("Shard {} of {} has been read to its end", s.shardId, settings.stream);
            s.subscription.cancel();
            shards.remove(s.shardId);
            out.addFinishedSplit(s.shardId);
            return true;
        }
        // The continuation number resumes after everything this event held.
        s.position = StartingPosition.afterSequenceNumber(continuation);
        return !records.isEmpty();
    }

    private void handleEnd(ShardState s, long now, RecordsBySplits.Builder<FetchedRecord> out)
            throws IOException {
        Throwable error = unwrap(s.subscription.error());
        s.subscription = null;
        if (error == null) {
            // The normal 5-minute end: carry on from the last position.
            s.metrics.resubscriptions().inc();
            s.dueNanos = now;
            return;
        }
        if (error instanceof ResourceNotFoundException) {
            LOG.warn(
                    "Shard {} of {} no longer exists; finishing it at {}",
                    s.shardId,
                    settings.stream,
                    s.position,
                    error);
            shards.remove(s.shardId);
            out.addFinishedSplit(s.shardId);
            return;
        }
        s.metrics.resubscriptions().inc();
        boolean throttled =
                ErrorClassifier.isThrottling(error) || error instanceof ResourceInUseException;
        if (throttled) {
            s.metrics.throttledCalls().inc();
        }
        if (throttled
                || (ErrorClassifier.isTransient(error) || isConnectionLoss(error))
                        && s.attempts < MAX_TRANSIENT_ATTEMPTS) {
            long delay = backoff.delayNanos(s.attempts++);
            LOG.info(
                    "Subscription to shard {} ended with {}; subscribing again in {} ms",
                    s.shardId,
                    error.toString(),
                    delay / 1_000_000);
            s.dueNanos = now + delay;
            return;
        }
        throw new IOException(
                "Enhanced fan-out subscription to shard "
                        + s.shardId
                        + " of "
                        + settings.stream
                        + " failed at "
                        + s.position
                        + ": "
                        + error.getMessage(),
                error);
    }

    private static boolean isConnectionLoss(Throwable t) {
        return t instanceof IOException
                || (t.getMessage() != null && t.getMessage().contains("connection"));
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private void subscribe(ShardState s, long now) {
        ShardSubscription subscription = new ShardSubscription(this::signal, now);
        s.subscription = subscription;
        try {
            subscription.watch(
                    proxy.subscribeToShard(
                            consumerArn, s.shardId, s.position, subscription.handler()));
        } catch (RuntimeException e) {
            subscription.watch(java.util.concurrent.CompletableFuture.failedFuture(e));
        }
    }

    private void signal() {
        synchronized (monitor) {
            signalled = true;
            monitor.notifyAll();
        }
    }

    /** Describes the consumer until it is ACTIVE, registering it first if the job manages it. */
    private String resolveConsumer() throws IOException {
        String name = settings.efoConsumerName;
        long delay = settings.efoDescribeMinDelay.toNanos();
        for (int attempt = 1; attempt <= settings.efoDescribeMaxAttempts; attempt++) {
            Consumer consumer = proxy.describeConsumer(name);
            if (consumer == null) {
                if (settings.efoLifecycle == ConsumerLifecycle.SELF_MANAGED) {
                    throw new IOException(
                            "Enhanced fan-out consumer '"
                                    + name
                                    + "' is not registered on "
                                    + settings.stream
                                    + ", and source.efo.lifecycle is SELF_MANAGED: register it,"
                                    + " or set source.efo.lifecycle to JOB_MANAGED");
                }
                try {
                    consumer = proxy.registerConsumer(name);
                    LOG.info("Registered enhanced fan-out consumer {}", consumer.consumerARN());
                } catch (ResourceInUseException registeredMeanwhile) {
                    consumer = null;
                }
            }
            if (consumer != null && consumer.consumerStatus() == ConsumerStatus.ACTIVE) {
                return consumer.consumerARN();
            }
            synchronized (monitor) {
                try {
                    clock.await(monitor, delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while waiting for consumer " + name, e);
                }
            }
            delay = Math.min(delay * 2, settings.efoDescribeMaxDelay.toNanos());
        }
        throw new IOException(
                "Enhanced fan-out consumer '"
                        + name
                        + "' did not become ACTIVE after "
                        + settings.efoDescribeMaxAttempts
                        + " attempts");
    }

    private static RecordsWithSplitIds<FetchedRecord> empty() {
        return new RecordsBySplits.Builder<FetchedRecord>().build();
    }

    @Override
    public void handleSplitsChanges(SplitsChange<KinesisShardSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException(
                    "Unsupported split change " + change.getClass().getName());
        }
        for (KinesisShardSplit split : change.splits()) {
            ShardMetrics metrics =
                    new ShardMetrics(metricGroup, split.streamArn(), split.shardId());
            metricsByShard.put(split.shardId(), metrics);
            shards.put(split.shardId(), new ShardState(split, metrics));
            LOG.info("Subscribing to shard {} from {}", split.shardId(), split.startingPosition());
        }
    }

    @Override
    public void pauseOrResumeSplits(
            Collection<KinesisShardSplit> toPause, Collection<KinesisShardSplit> toResume) {
        toPause.forEach(s -> setPaused(s.shardId(), true));
        toResume.forEach(s -> setPaused(s.shardId(), false));
    }

    private void setPaused(String shardId, boolean paused) {
        ShardState s = shards.get(shardId);
        if (s != null) {
            s.paused = paused;
        }
    }

    @Override
    public void wakeUp() {
        signal();
    }

    @Override
    public void close() {
        for (ShardState s : shards.values()) {
            if (s.subscription != null) {
                s.subscription.cancel();
            }
        }
        proxy.close();
    }

    @VisibleForTesting
    ShardMetrics metrics(String shardId) {
        return metricsByShard.get(shardId);
    }

    private static final class ShardState {
        final String shardId;
        final ShardMetrics metrics;
        StartingPosition position;
        ShardSubscription subscription;
        long dueNanos;
        int attempts;
        boolean paused;
        String skipSequenceNumber;
        long skipSubSequenceNumber;

        ShardState(KinesisShardSplit split, ShardMetrics metrics) {
            this.shardId = split.shardId();
            this.metrics = metrics;
            this.position = split.startingPosition();
            if (position.isInsideAggregate()) {
                skipSequenceNumber = position.sequenceNumber();
                skipSubSequenceNumber = position.subSequenceNumber();
            }
        }
    }
}
