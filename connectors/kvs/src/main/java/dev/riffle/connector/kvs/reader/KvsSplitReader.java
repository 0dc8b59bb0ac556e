package dev.riffle.connector.kvs.reader;

import dev.riffle.connector.kvs.KvsFragment;
import dev.riffle.connector.kvs.StartSelector;
import dev.riffle.connector.kvs.media.MediaClient;
import dev.riffle.connector.kvs.media.MediaClientException;
import dev.riffle.connector.kvs.mkv.FragmentReader;
import dev.riffle.connector.kvs.mkv.KvsMediaErrorException;
import dev.riffle.connector.kvs.split.KvsSplit;

import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.metrics.MetricGroup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Reads one split (one KVS stream or one MKV file) on its own fetcher thread. For a stream it keeps
 * one GetMedia connection open and returns each fragment as soon as it is complete; when the
 * connection ends, is cut, or carries KVS's error tags it reconnects after the last complete
 * fragment it returned, never faster than the configured GetMedia call rate and with exponential
 * backoff (with jitter) while calls keep failing. Only errors no retry can fix (invalid request,
 * not authorized, a start fragment that does not exist) fail the job.
 *
 * <p>One connection per stream at a time: the old one is closed before a new one is opened, and the
 * enumerator gives each stream to one reader only.
 */
@Internal
final class KvsSplitReader implements SplitReader<KvsFragment, KvsSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(KvsSplitReader.class);

    private final Function<KvsSplit.Kind, MediaClient> clients;
    private final KvsReaderSettings settings;
    private final MetricGroup metricGroup;
    private final Object lock = new Object();

    @Nullable private KvsSplit split;
    @Nullable private MediaClient client;
    @Nullable private FragmentReader reader;
    @Nullable private volatile InputStream connection;
    @Nullable private StartSelector override;
    @Nullable private KvsReaderMetrics metrics;
    private long skipInFile;
    private boolean deliveredOnConnection;
    private long nextCallNanos;
    private int failures;
    private boolean wakeUp;
    private boolean done;

    KvsSplitReader(
            Function<KvsSplit.Kind, MediaClient> clients,
            KvsReaderSettings settings,
            MetricGroup metricGroup) {
        this.clients = clients;
        this.settings = settings;
        this.metricGroup = metricGroup;
    }

    @Override
    public void handleSplitsChanges(SplitsChange<KvsSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("KVS splits are never removed: " + change);
        }
        List<KvsSplit> splits = change.splits();
        if (split != null || splits.size() != 1) {
            throw new IllegalStateException(
                    "A KVS split reader reads exactly one split, got " + splits);
        }
        split = splits.get(0);
        client = clients.apply(split.kind());
        metrics = new KvsReaderMetrics(metricGroup, split.target());
        LOG.info("Reading {} from {}", split.splitId(), split.resumeSelector());
    }

    @Override
    public RecordsWithSplitIds<KvsFragment> fetch() throws IOException {
        if (split == null || done) {
            return empty();
        }
        if (reader == null && !connect()) {
            return empty();
        }
        try {
            Optional<KvsFragment> fragment = reader.next();
            if (fragment.isPresent()) {
                return accept(fragment.get());
            }
            disconnect();
            if (split.kind() == KvsSplit.Kind.FILE) {
                return finished();
            }
            if (!deliveredOnConnection) {
                // KVS ends a response with nothing to send after a few seconds: do not spin.
                nextCallNanos =
                        Math.max(
                                nextCallNanos,
                                System.nanoTime() + settings.idleReconnectDelay().toNanos());
            }
            return empty();
        } catch (KvsMediaErrorException e) {
            disconnect();
            onErrorTag(e);
            return empty();
        } catch (IOException | RuntimeException e) {
            boolean woken = takeWakeUp();
            disconnect();
            if (woken) {
                return empty();
            }
            if (split.kind() == KvsSplit.Kind.FILE) {
                LOG.warn(
                        "{} is truncated or not valid MKV; the {} complete fragment(s) before"
                                + " the problem were read: {}",
                        split.target(),
                        split.fragmentsRead(),
                        e.getMessage());
                metrics.truncations.inc();
                return finished();
            }
            metrics.truncations.inc();
            LOG.warn(
                    "GetMedia for {} ended inside a fragment; reading again after fragment {}: {}",
                    split.target(),
                    split.lastFragmentNumber(),
                    e.getMessage());
            backOff();
            return empty();
        }
    }

    private RecordsWithSplitIds<KvsFragment> accept(KvsFragment fragment) {
        deliveredOnConnection = true;
        failures = 0;
        metrics.millisBehindNow(fragment.getMillisBehindNow());
        if (split.kind() == KvsSplit.Kind.FILE && skipInFile > 0) {
            skipInFile--;
            return empty();
        }
        if (split.kind() == KvsSplit.Kind.STREAM
                && !split.isAfterLast(fragment.getFragmentNumber())) {
            metrics.duplicatesDropped.inc();
            return empty();
        }
        override = null;
        split = split.after(fragment);
        metrics.fragments.inc();
        return new RecordsBySplits<>(
                Map.of(split.splitId(), List.of(fragment)), Collections.emptySet());
    }

    /** Opens the split's media; false (after scheduling a retry) when that failed. */
    private boolean connect() throws IOException {
        if (!waitUntil(nextCallNanos)) {
            return false;
        }
        StartSelector selector = override != null ? override : split.resumeSelector();
        nextCallNanos = System.nanoTime() + settings.minCallInterval().toNanos();
        try {
            metrics.getMediaCalls.inc();
            InputStream in = client.getMedia(split.target(), selector);
            connection = in;
            reader =
                    new FragmentReader(
                            in,
                            split.target(),
                            split.kind() == KvsSplit.Kind.FILE
                                    ? FragmentReader.Mode.FILE
                                    : FragmentReader.Mode.LIVE,
                            settings.withFrames());
            skipInFile = split.kind() == KvsSplit.Kind.FILE ? split.fragmentsRead() : 0;
            deliveredOnConnection = false;
            return true;
        } catch (MediaClientException e) {
            if (!e.isRetryable()) {
                throw e;
            }
            LOG.warn("{}; retrying", e.getMessage());
            backOff();
            return false;
        }
    }

    private void onErrorTag(KvsMediaErrorException e) throws IOException {
        metrics.errorTags.inc();
        if (e.errorId() == KvsMediaErrorException.FRAGMENT_NOT_FOUND) {
            if (split.lastFragmentNumber() == null && override == null) {
                throw new IOException(
                        "KVS does not have the start fragment of "
                                + split.target()
                                + " ("
                                + split.initialSelector()
                                + "): it has expired or never existed. Choose another"
                                + " source.init.position.",
                        e);
            }
            // The last fragment read has left the stream's retention: everything before it has
            // too, so the oldest fragment still there is the next one to read.
            LOG.warn(
                    "Fragment {} of {} is no longer retained by KVS; continuing from the earliest"
                            + " fragment",
                    split.lastFragmentNumber(),
                    split.target());
            override = StartSelector.earliest();
            return;
        }
        if (e.isKmsError()) {
            LOG.error("{} for {}: fix the stream's KMS key; retrying", e.getMessage(), split);
        } else {
            LOG.warn("{} for {}; retrying after the last complete fragment", e.getMessage(), split);
        }
        backOff();
    }

    private void backOff() {
        failures++;
        metrics.retries.inc();
        long initial = settings.initialBackoff().toMillis();
        long max = settings.maxBackoff().toMillis();
        long base = Math.min(max, initial << Math.min(20, failures - 1));
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        nextCallNanos = Math.max(nextCallNanos, System.nanoTime() + delay * 1_000_000L);
    }

    /** Waits until {@code deadline}; false if woken up before. */
    private boolean waitUntil(long deadline) {
        synchronized (lock) {
            while (!wakeUp) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            wakeUp = false;
            return false;
        }
    }

    private boolean takeWakeUp() {
        synchronized (lock) {
            boolean w = wakeUp;
            wakeUp = false;
            return w;
        }
    }

    private void disconnect() {
        FragmentReader r = reader;
        reader = null;
        connection = null;
        if (r != null) {
            try {
                r.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing the media stream of {} failed", split, e);
            }
        }
    }

    private RecordsWithSplitIds<KvsFragment> finished() {
        LOG.info("Finished {} after {} fragment(s)", split.splitId(), split.fragmentsRead());
        String id = split.splitId();
        done = true;
        return new RecordsBySplits<>(Collections.emptyMap(), Set.of(id));
    }

    private static RecordsWithSplitIds<KvsFragment> empty() {
        return new RecordsBySplits<>(Collections.emptyMap(), Collections.emptySet());
    }

    @Override
    public void wakeUp() {
        synchronized (lock) {
            wakeUp = true;
            lock.notifyAll();
        }
        InputStream in = connection;
        if (in != null) {
            try {
                // Unblocks a read waiting on a live connection; fetch() reconnects later.
                in.close();
            } catch (IOException | RuntimeException ignored) {
                // Closing is best effort.
            }
        }
    }

    @Override
    public void close() {
        disconnect();
        if (client != null) {
            client.close();
        }
    }
}
