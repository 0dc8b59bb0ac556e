package dev.riffle.connector.kinesis.source.reader.polling;

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
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Reads the shards assigned to one reader with GetRecords, one call per {@link #fetch()}, always on
 * the shard that is due first. A shard is due again after the longest of: the least interval
 * between calls (5 per second per shard), the time the bytes just read take from the shard's 2 MB/s
 * budget, and the idle interval when the shard returned nothing or is caught up. Between calls the
 * fetcher thread waits (woken up by split changes) instead of spinning.
 *
 * <p>Faults are handled per shard so that one bad shard does not stall the others: throttling is
 * retried with exponential backoff and jitter; an expired iterator is renewed after the last record
 * read; a shard the stream no longer lists is finished with a warning (a deleted stream fails the
 * reader); transient errors are retried {@value #MAX_TRANSIENT_ATTEMPTS} times before the reader
 * fails (and Flink restores the job from its checkpoint); other errors fail at once.
 */
@Internal
public final class PollingShardSplitReader
        implements SplitReader<FetchedRecord, KinesisShardSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(PollingShardSplitReader.class);

    static final int MAX_TRANSIENT_ATTEMPTS = 10;

    /** Longest single wait, so that the fetcher loop stays responsive. */
    private static final long MAX_WAIT_NANOS = Duration.ofSeconds(1).toNanos();

    private final StreamProxy proxy;
    private final SourceSettings settings;

    /** The reader's standard numBytesIn, fed with the record bytes read. */
    private final Counter numBytesIn;

    private final Clock clock;
    private final Backoff backoff;
    private final KplDeaggregator deaggregator = new KplDeaggregator();
    private final AssignedShards<PolledShard> shards;
    private final Object monitor = new Object();
    private boolean wakeUp;

    public PollingShardSplitReader(
            StreamProxy proxy,
            SourceSettings settings,
            SourceReaderMetricGroup metricGroup,
            Clock clock) {
        this.proxy = proxy;
        this.settings = settings;
        this.shards =
                new AssignedShards<>(
                        metricGroup,
                        (split, metrics) -> new PolledShard(split, metrics, clock.nanoTime()));
        this.numBytesIn = metricGroup.getIOMetricGroup().getNumBytesInCounter();
        this.clock = clock;
        this.backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    @Override
    public RecordsWithSplitIds<FetchedRecord> fetch() throws IOException {
        PolledShard next = null;
        for (PolledShard c : shards.cursors()) {
            if (!c.paused && (next == null || c.dueNanos < next.dueNanos)) {
                next = c;
            }
        }
        if (next == null) {
            return empty();
        }
        long wait = next.dueNanos - clock.nanoTime();
        if (wait > 0) {
            waitUpTo(Math.min(wait, MAX_WAIT_NANOS));
            return empty();
        }
        return poll(next);
    }

    private void waitUpTo(long nanos) throws IOException {
        synchronized (monitor) {
            if (wakeUp) {
                wakeUp = false;
                return;
            }
            try {
                clock.await(monitor, nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for a shard to be due", e);
            }
            wakeUp = false;
        }
    }

    private RecordsWithSplitIds<FetchedRecord> poll(PolledShard c) throws IOException {
        long now = clock.nanoTime();
        GetRecordsResponse response;
        try {
            if (c.iterator == null) {
                c.iterator = proxy.getShardIterator(c.shardId, c.position);
            }
            response = proxy.getRecords(c.iterator, settings.maxRecordsPerCall);
        } catch (ExpiredIteratorException e) {
            c.metrics.iteratorRenewals().inc();
            LOG.debug("Iterator of shard {} expired; renewing from {}", c.shardId, c.position);
            c.iterator = null;
            c.dueNanos = now;
            return empty();
        } catch (ResourceNotFoundException e) {
            if (ShardExistence.of(proxy, c.shardId, settings.stream) != ShardExistence.GONE) {
                // Listed still (or unknown): not a shard past retention; retry, then fail.
                return retryOrFail(c, e, now);
            }
            LOG.warn(
                    "Shard {} of {} is no longer listed (past the retention period); finishing"
                            + " it. Last position: {}",
                    c.shardId,
                    settings.stream,
                    c.position,
                    e);
            shards.finish(c.shardId);
            return finished(c.shardId, List.of());
        } catch (RuntimeException e) {
            return retryOrFail(c, e, now);
        }
        c.attempts = 0;

        Long behind = response.millisBehindLatest();
        ShardCursor.Batch batch = c.take(response.records(), behind, deaggregator, numBytesIn);
        List<FetchedRecord> records = batch.records();
        if (!response.records().isEmpty()) {
            Record last = response.records().get(response.records().size() - 1);
            c.position = StartingPosition.afterSequenceNumber(last.sequenceNumber());
        }

        c.iterator = response.nextShardIterator();
        if (c.iterator == null) {
            LOG.info("Shard {} of {} has been read to its end", c.shardId, settings.stream);
            shards.finish(c.shardId);
            return finished(c.shardId, records);
        }
        c.dueNanos = now + pause(response.records().isEmpty(), behind, batch.bytes());
        RecordsBySplits.Builder<FetchedRecord> b = new RecordsBySplits.Builder<>();
        b.addAll(c.shardId, records);
        return b.build();
    }

    /** How long this shard rests after a successful call. */
    private long pause(boolean empty, Long millisBehindLatest, long bytes) {
        boolean caughtUp = empty || (millisBehindLatest != null && millisBehindLatest == 0);
        long interval =
                (caughtUp ? settings.emptyFetchInterval : settings.nonEmptyFetchInterval).toNanos();
        long pace = settings.minCallInterval.toNanos();
        long budget =
                settings.maxBytesPerSecond > 0
                        ? (long) (bytes * 1e9 / settings.maxBytesPerSecond)
                        : 0;
        return Math.max(interval, Math.max(pace, budget));
    }

    private RecordsWithSplitIds<FetchedRecord> retryOrFail(
            PolledShard c, RuntimeException e, long now) throws IOException {
        if (ErrorClassifier.isThrottling(e)) {
            c.metrics.throttledCalls().inc();
            long delay = backoff.delayNanos(c.attempts++);
            LOG.debug(
                    "Shard {} throttled ({}); retrying in {} ms",
                    c.shardId,
                    e.getClass().getSimpleName(),
                    delay / 1_000_000);
            c.dueNanos = now + delay;
            return empty();
        }
        boolean transientError =
                ErrorClassifier.isTransient(e) || e instanceof ResourceNotFoundException;
        if (transientError && c.attempts < MAX_TRANSIENT_ATTEMPTS) {
            long delay = backoff.delayNanos(c.attempts++);
            LOG.warn(
                    "Reading shard {} failed (attempt {} of {}); retrying in {} ms",
                    c.shardId,
                    c.attempts,
                    MAX_TRANSIENT_ATTEMPTS,
                    delay / 1_000_000,
                    e);
            c.iterator = null;
            c.dueNanos = now + delay;
            return empty();
        }
        throw new IOException(
                "Reading shard "
                        + c.shardId
                        + " of "
                        + settings.stream
                        + " failed at "
                        + c.position
                        + ": "
                        + e.getMessage(),
                e);
    }

    private static RecordsWithSplitIds<FetchedRecord> finished(
            String shardId, List<FetchedRecord> lastRecords) {
        RecordsBySplits.Builder<FetchedRecord> b = new RecordsBySplits.Builder<>();
        b.addAll(shardId, lastRecords);
        b.addFinishedSplit(shardId);
        return b.build();
    }

    private static RecordsWithSplitIds<FetchedRecord> empty() {
        return new RecordsBySplits.Builder<FetchedRecord>().build();
    }

    @Override
    public void handleSplitsChanges(SplitsChange<KinesisShardSplit> change) {
        for (KinesisShardSplit split : shards.add(change)) {
            LOG.info("Reading shard {} from {}", split.shardId(), split.startingPosition());
        }
    }

    @Override
    public void pauseOrResumeSplits(
            Collection<KinesisShardSplit> toPause, Collection<KinesisShardSplit> toResume) {
        shards.pauseOrResume(toPause, toResume);
    }

    @Override
    public void wakeUp() {
        synchronized (monitor) {
            wakeUp = true;
            monitor.notifyAll();
        }
    }

    @Override
    public void close() {
        proxy.close();
    }

    @VisibleForTesting
    ShardMetrics metrics(String shardId) {
        return shards.metrics(shardId);
    }

    /** A shard read with GetRecords: its cursor and its current shard iterator. */
    private static final class PolledShard extends ShardCursor {
        String iterator;

        PolledShard(KinesisShardSplit split, ShardMetrics metrics, long now) {
            super(split, metrics, now);
        }
    }
}
