package dev.riffle.connector.kinesis.source.reader.fanout;

import dev.riffle.connector.kinesis.source.config.KinesisSourceOptions.ConsumerLifecycle;
import dev.riffle.connector.kinesis.source.config.internal.SourceSettings;
import dev.riffle.connector.kinesis.source.metrics.ShardMetrics;
import dev.riffle.connector.kinesis.source.proxy.StreamProxy;
import dev.riffle.connector.kinesis.source.reader.internal.AssignedShards;
import dev.riffle.connector.kinesis.source.reader.internal.Backoff;
import dev.riffle.connector.kinesis.source.reader.internal.Clock;
import dev.riffle.connector.kinesis.source.reader.internal.ErrorClassifier;
import dev.riffle.connector.kinesis.source.reader.internal.FetchedRecord;
import dev.riffle.connector.kinesis.source.reader.internal.KplDeaggregator;
import dev.riffle.connector.kinesis.source.reader.internal.ShardCursor;
import dev.riffle.connector.kinesis.source.reader.internal.ShardExistence;
import dev.riffle.connector.kinesis.source.split.KinesisShardSplit;
import dev.riffle.connector.kinesis.source.split.StartingPosition;

import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
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

    /** The reader's standard numBytesIn, fed with the record bytes read. */
    private final Counter numBytesIn;

    private final Clock clock;
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));
    private final KplDeaggregator deaggregator = new KplDeaggregator();
    private final AssignedShards<SubscribedShard> shards;
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
        this.shards = new AssignedShards<>(group, SubscribedShard::new);
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
        for (SubscribedShard s : shards.snapshot()) {
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
    private boolean step(SubscribedShard s, long now, RecordsBySplits.Builder<FetchedRecord> out)
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
            return !shards.contains(s.shardId);
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
            SubscribedShard s,
            SubscribeToShardEvent event,
            RecordsBySplits.Builder<FetchedRecord> out) {
        List<FetchedRecord> records =
                s.take(event.records(), event.millisBehindLatest(), deaggregator, numBytesIn)
                        .records();
        out.addAll(s.shardId, records);
        String continuation = event.continuationSequenceNumber();
        if (continuation == null) {
            LOG.info("Shard {} of {} has been read to its end", s.shardId, settings.stream);
            s.subscription.cancel();
            shards.finish(s.shardId);
            out.addFinishedSplit(s.shardId);
            return true;
        }
        // The continuation number resumes after everything this event held.
        s.position = StartingPosition.afterSequenceNumber(continuation);
        return !records.isEmpty();
    }

    private void handleEnd(SubscribedShard s, long now, RecordsBySplits.Builder<FetchedRecord> out)
            throws IOException {
        Throwable error = unwrap(s.subscription.error());
        s.subscription = null;
        if (error == null) {
            // The normal 5-minute end: carry on from the last position.
            s.metrics.resubscriptions().inc();
            s.dueNanos = now;
            return;
        }
        if (error instanceof ResourceNotFoundException
                && ShardExistence.of(proxy, s.shardId, settings.stream) == ShardExistence.GONE) {
            LOG.warn(
                    "Shard {} of {} is no longer listed; finishing it at {}",
                    s.shardId,
                    settings.stream,
                    s.position,
                    error);
            shards.finish(s.shardId);
            out.addFinishedSplit(s.shardId);
            return;
        }
        s.metrics.resubscriptions().inc();
        boolean throttled =
                ErrorClassifier.isThrottling(error) || error instanceof ResourceInUseException;
        if (throttled) {
            s.metrics.throttledCalls().inc();
        }
        boolean transientError =
                ErrorClassifier.isTransient(error)
                        || isConnectionLoss(error)
                        // Still listed (or ListShards failed): retried, then fails.
                        || error instanceof ResourceNotFoundException;
        if (throttled || transientError && s.attempts < MAX_TRANSIENT_ATTEMPTS) {
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

    private void subscribe(SubscribedShard s, long now) {
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
        for (KinesisShardSplit split : shards.add(change)) {
            LOG.info("Subscribing to shard {} from {}", split.shardId(), split.startingPosition());
        }
    }

    @Override
    public void pauseOrResumeSplits(
            Collection<KinesisShardSplit> toPause, Collection<KinesisShardSplit> toResume) {
        shards.pauseOrResume(toPause, toResume);
    }

    @Override
    public void wakeUp() {
        signal();
    }

    @Override
    public void close() {
        for (SubscribedShard s : shards.cursors()) {
            if (s.subscription != null) {
                s.subscription.cancel();
            }
        }
        proxy.close();
    }

    @VisibleForTesting
    ShardMetrics metrics(String shardId) {
        return shards.metrics(shardId);
    }

    /** A shard read with enhanced fan-out: its cursor and its current subscription, if any. */
    private static final class SubscribedShard extends ShardCursor {
        ShardSubscription subscription;

        SubscribedShard(KinesisShardSplit split, ShardMetrics metrics) {
            // Due at once: the first fetch subscribes.
            super(split, metrics, Long.MIN_VALUE);
        }
    }
}
