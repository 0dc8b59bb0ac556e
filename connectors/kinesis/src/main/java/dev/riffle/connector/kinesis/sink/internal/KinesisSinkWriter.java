package dev.riffle.connector.kinesis.sink.internal;

import dev.riffle.connector.kinesis.sink.KinesisSinkDeadLetter;
import dev.riffle.connector.kinesis.sink.KinesisSinkDeadLetter.ErrorType;
import dev.riffle.connector.kinesis.sink.KinesisSinkDeadLetterHandler;
import dev.riffle.connector.kinesis.sink.KinesisSinkException;
import dev.riffle.connector.kinesis.sink.internal.EntryConverter.RejectedRecord;
import dev.riffle.connector.kinesis.sink.internal.SinkErrors.Kind;

import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.connector.base.sink.writer.strategy.AIMDScalingStrategy;
import org.apache.flink.connector.base.sink.writer.strategy.CongestionControlRateLimitingStrategy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import javax.annotation.Nullable;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes records with PutRecords on Flink's {@link AsyncSinkWriter}, which batches (at most {@code
 * sink.batch.max-size} records and {@code sink.flush-buffer.size} bytes per request, sizes counting
 * data and partition key), bounds the requests in flight and re-queues failed entries at the head
 * of the buffer.
 *
 * <p>What this class adds: records that can never be written are caught before they are buffered
 * (too large, bad keys) or when Kinesis rejects them, and go to the dead-letter handler or fail the
 * job; of a partially failed request only the failed entries are retried, after a backoff that
 * doubles while failures continue; the AIMD rate limiter halves the records in flight after a
 * failed request and adds 10 after each good one; everything buffered is written before a
 * checkpoint completes.
 *
 * <p>Threading: {@link #write}, response handling, the dead-letter handler and the metrics all run
 * on the task's mailbox thread; the SDK's threads only hand the response over.
 */
@Internal
public final class KinesisSinkWriter<T> extends AsyncSinkWriter<T, KinesisSinkEntry> {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisSinkWriter.class);

    /** AIMD: records in flight grow by this after each successful request. */
    static final int AIMD_INCREASE = 10;

    /** AIMD: records in flight are multiplied by this after a request with failures. */
    static final double AIMD_DECREASE = 0.5;

    private final SinkSettings settings;
    private final String streamId;
    private final EntryConverter<T> converter;
    private final Handoff<T> handoff;
    private final KinesisSinkClient client;
    @Nullable private final KinesisSinkDeadLetterHandler deadLetters;
    private final MailboxExecutor mailbox;
    private final ProcessingTimeService time;
    private final CongestionControlRateLimitingStrategy rateLimiter;
    private final SinkMetrics metrics;
    private int failedAttemptsInARow;
    private int clientFailuresInARow;

    public static <T> KinesisSinkWriter<T> create(
            WriterInitContext context,
            SinkSettings settings,
            EntryConverter<T> converter,
            KinesisSinkClient client,
            @Nullable KinesisSinkDeadLetterHandler deadLetters,
            Collection<BufferedRequestState<KinesisSinkEntry>> state) {
        int batch = settings.maxBatchSize;
        CongestionControlRateLimitingStrategy rateLimiter =
                CongestionControlRateLimitingStrategy.builder()
                        .setMaxInFlightRequests(settings.maxInFlightRequests)
                        .setInitialMaxInFlightMessages(batch)
                        .setScalingStrategy(
                                AIMDScalingStrategy.builder(batch * settings.maxInFlightRequests)
                                        .setIncreaseRate(AIMD_INCREASE)
                                        .setDecreaseFactor(AIMD_DECREASE)
                                        .build())
                        .build();
        AsyncSinkWriterConfiguration config =
                AsyncSinkWriterConfiguration.builder()
                        .setMaxBatchSize(batch)
                        .setMaxBatchSizeInBytes(settings.maxBatchSizeInBytes)
                        .setMaxInFlightRequests(settings.maxInFlightRequests)
                        .setMaxBufferedRequests(settings.maxBufferedRequests)
                        .setMaxTimeInBufferMS(settings.maxTimeInBuffer.toMillis())
                        // Records are checked against sink.record.max-size before they are
                        // buffered; restored entries only need to fit a request.
                        .setMaxRecordSizeInBytes(settings.maxBatchSizeInBytes)
                        .setRequestTimeoutMS(settings.requestTimeout.toMillis())
                        .setFailOnTimeout(settings.failOnTimeout)
                        .setRateLimitingStrategy(rateLimiter)
                        .build();
        return new KinesisSinkWriter<>(
                context,
                settings,
                converter,
                new Handoff<>(),
                client,
                deadLetters,
                rateLimiter,
                config,
                state);
    }

    private KinesisSinkWriter(
            WriterInitContext context,
            SinkSettings settings,
            EntryConverter<T> converter,
            Handoff<T> handoff,
            KinesisSinkClient client,
            @Nullable KinesisSinkDeadLetterHandler deadLetters,
            CongestionControlRateLimitingStrategy rateLimiter,
            AsyncSinkWriterConfiguration config,
            Collection<BufferedRequestState<KinesisSinkEntry>> state) {
        super(handoff, context, config, state);
        this.settings = settings;
        this.streamId = settings.stream.id();
        this.converter = converter;
        this.handoff = handoff;
        this.client = client;
        this.deadLetters = deadLetters;
        this.mailbox = context.getMailboxExecutor();
        this.time = context.getProcessingTimeService();
        this.rateLimiter = rateLimiter;
        this.metrics = new SinkMetrics(context.metricGroup(), rateLimiter::getMaxBatchSize);
        converter.open(context);
        if (deadLetters != null) {
            try {
                deadLetters.open(context);
            } catch (Exception e) {
                throw new KinesisSinkException(
                        "Cannot open the dead-letter output of the Kinesis sink for stream "
                                + streamId,
                        e);
            }
        }
    }

    @Override
    public void write(T element, SinkWriter.Context context)
            throws IOException, InterruptedException {
        KinesisSinkEntry entry;
        try {
            entry = converter.apply(element, context);
        } catch (RejectedRecord r) {
            try {
                reject(r.errorType, r.getMessage(), r.data, r.partitionKey, r.explicitHashKey);
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
            return;
        }
        handoff.next = entry;
        super.write(element, context);
    }

    @Override
    protected void submitRequestEntries(
            List<KinesisSinkEntry> entries, ResultHandler<KinesisSinkEntry> handler) {
        send(entries)
                .whenComplete(
                        (response, error) ->
                                mailbox.execute(
                                        () -> onResult(entries, response, error, handler),
                                        "Kinesis PutRecords result for %s records",
                                        entries.size()));
    }

    private CompletableFuture<PutRecordsResponse> send(List<KinesisSinkEntry> entries) {
        List<PutRecordsRequestEntry> records = new ArrayList<>(entries.size());
        for (KinesisSinkEntry e : entries) {
            records.add(e.toSdk());
        }
        PutRecordsRequest.Builder request = PutRecordsRequest.builder().records(records);
        if (settings.stream.arn().isPresent()) {
            request.streamARN(settings.stream.arn().get());
        } else {
            request.streamName(settings.stream.name());
        }
        try {
            return client.putRecords(request.build());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    protected long getSizeInBytes(KinesisSinkEntry entry) {
        return entry.sizeInBytes();
    }

    private void onResult(
            List<KinesisSinkEntry> entries,
            @Nullable PutRecordsResponse response,
            @Nullable Throwable error,
            ResultHandler<KinesisSinkEntry> handler) {
        try {
            if (error != null) {
                onRequestFailure(entries, error, handler);
            } else {
                onResponse(entries, response, handler);
            }
        } catch (Exception e) {
            handler.completeExceptionally(e);
        }
    }

    private void onResponse(
            List<KinesisSinkEntry> entries,
            PutRecordsResponse response,
            ResultHandler<KinesisSinkEntry> handler)
            throws Exception {
        clientFailuresInARow = 0;
        Integer failedCount = response.failedRecordCount();
        List<PutRecordsResultEntry> results = response.records();
        if ((failedCount == null || failedCount == 0)
                && (results.isEmpty() || results.size() == entries.size())) {
            succeeded(entries);
            handler.complete();
            return;
        }
        if (results.size() != entries.size()) {
            LOG.warn(
                    "PutRecords to {} returned {} results for {} records; resending all",
                    streamId,
                    results.size(),
                    entries.size());
            retryLater(entries, false, handler);
            return;
        }
        List<KinesisSinkEntry> retry = new ArrayList<>();
        List<Integer> rejected = new ArrayList<>();
        int throttled = 0;
        long sentBytes = 0;
        int sent = 0;
        String firstCode = null;
        String firstMessage = null;
        for (int i = 0; i < entries.size(); i++) {
            PutRecordsResultEntry result = results.get(i);
            KinesisSinkEntry entry = entries.get(i);
            String code = result.errorCode();
            if (code == null) {
                sent++;
                sentBytes += entry.sizeInBytes();
                continue;
            }
            if (firstCode == null) {
                firstCode = code;
                firstMessage = result.errorMessage();
            }
            switch (SinkErrors.ofErrorCode(code)) {
                case THROTTLED:
                    throttled++;
                    retry.add(entry);
                    break;
                case RETRYABLE:
                    retry.add(entry);
                    break;
                case STREAM_FATAL:
                    handler.completeExceptionally(fatal(code, result.errorMessage(), null));
                    return;
                case RECORD_FATAL:
                default:
                    rejected.add(i);
            }
        }
        metrics.recordsSent.inc(sent);
        metrics.bytesSent.inc(sentBytes);
        metrics.sendErrors.inc(entries.size() - sent);
        metrics.recordsThrottled.inc(throttled);
        if (settings.failOnError) {
            handler.completeExceptionally(
                    new KinesisSinkException(
                            String.format(
                                    "%d of %d records were not written to stream %s (first"
                                            + " error %s: %s), and sink.fail-on-error is true",
                                    entries.size() - sent,
                                    entries.size(),
                                    streamId,
                                    firstCode,
                                    firstMessage)));
            return;
        }
        for (int i : rejected) {
            KinesisSinkEntry e = entries.get(i);
            PutRecordsResultEntry r = results.get(i);
            reject(
                    ErrorType.REJECTED,
                    String.format(
                            "Kinesis rejected a record for stream %s: %s: %s",
                            streamId, r.errorCode(), r.errorMessage()),
                    e.data(),
                    e.partitionKey(),
                    e.explicitHashKey());
        }
        if (retry.isEmpty()) {
            failedAttemptsInARow = 0;
            handler.complete();
        } else {
            retryLater(retry, false, handler);
        }
    }

    private void onRequestFailure(
            List<KinesisSinkEntry> entries,
            Throwable error,
            ResultHandler<KinesisSinkEntry> handler)
            throws Exception {
        Throwable cause = SinkErrors.unwrap(error);
        String code = SinkErrors.codeOf(cause);
        Kind kind = SinkErrors.ofException(cause);
        metrics.sendErrors.inc(entries.size());
        if (kind == Kind.STREAM_FATAL) {
            handler.completeExceptionally(fatal(code, cause.getMessage(), cause));
            return;
        }
        if (settings.failOnError) {
            handler.completeExceptionally(
                    new KinesisSinkException(
                            String.format(
                                    "A PutRecords request of %d records to stream %s failed (%s),"
                                            + " and sink.fail-on-error is true",
                                    entries.size(), streamId, cause),
                            cause));
            return;
        }
        switch (kind) {
            case THROTTLED:
                clientFailuresInARow = 0;
                metrics.recordsThrottled.inc(entries.size());
                retryLater(entries, true, handler);
                return;
            case RETRYABLE:
                if (cause instanceof SdkClientException) {
                    clientFailuresInARow++;
                    if (clientFailuresInARow >= settings.maxClientFailures) {
                        handler.completeExceptionally(
                                new KinesisSinkException(
                                        String.format(
                                                "The Kinesis sink cannot reach stream %s: %d"
                                                        + " requests in a row got no answer"
                                                        + " (sink.retry.max-client-failures). Check"
                                                        + " aws.endpoint, the network, and"
                                                        + " aws.http.protocol.version (HTTP1_1 for"
                                                        + " endpoints without HTTP/2, such as"
                                                        + " kinesis-mock). Last error: %s",
                                                streamId, clientFailuresInARow, cause),
                                        cause));
                        return;
                    }
                    if (clientFailuresInARow == 1 || clientFailuresInARow % 5 == 0) {
                        LOG.warn(
                                "PutRecords to {} got no answer ({} in a row), retrying: {}",
                                streamId,
                                clientFailuresInARow,
                                cause.toString());
                    }
                } else {
                    clientFailuresInARow = 0;
                    LOG.debug("PutRecords to {} failed, retrying: {}", streamId, cause.toString());
                }
                retryLater(entries, false, handler);
                return;
            case RECORD_FATAL:
            default:
                if (entries.size() == 1) {
                    KinesisSinkEntry e = entries.get(0);
                    reject(
                            ErrorType.REJECTED,
                            String.format(
                                    "Kinesis rejected a record for stream %s: %s: %s",
                                    streamId, code, cause.getMessage()),
                            e.data(),
                            e.partitionKey(),
                            e.explicitHashKey());
                    handler.complete();
                } else {
                    isolate(entries, handler);
                }
        }
    }

    /**
     * A request was rejected as a whole for a reason that lies in some record (e.g. one record over
     * the stream's size limit): sends each record alone, so that only the bad ones are
     * dead-lettered and the others are written.
     */
    private void isolate(List<KinesisSinkEntry> entries, ResultHandler<KinesisSinkEntry> handler) {
        List<KinesisSinkEntry> retry = new ArrayList<>();
        AtomicInteger pending = new AtomicInteger(entries.size());
        Exception[] fatal = new Exception[1];
        for (KinesisSinkEntry entry : entries) {
            send(List.of(entry))
                    .whenComplete(
                            (response, error) ->
                                    mailbox.execute(
                                            () -> {
                                                try {
                                                    onIsolated(entry, response, error, retry);
                                                } catch (Exception e) {
                                                    if (fatal[0] == null) {
                                                        fatal[0] = e;
                                                    }
                                                }
                                                if (pending.decrementAndGet() == 0) {
                                                    if (fatal[0] != null) {
                                                        handler.completeExceptionally(fatal[0]);
                                                    } else if (retry.isEmpty()) {
                                                        handler.complete();
                                                    } else {
                                                        retryLater(retry, false, handler);
                                                    }
                                                }
                                            },
                                            "Kinesis PutRecords result for one isolated record"));
        }
    }

    private void onIsolated(
            KinesisSinkEntry entry,
            @Nullable PutRecordsResponse response,
            @Nullable Throwable error,
            List<KinesisSinkEntry> retry)
            throws Exception {
        String code;
        String message;
        Kind kind;
        Throwable cause = null;
        if (error != null) {
            cause = SinkErrors.unwrap(error);
            code = SinkErrors.codeOf(cause);
            message = cause.getMessage();
            kind = SinkErrors.ofException(cause);
        } else if (response.records().size() == 1
                && response.records().get(0).errorCode() != null) {
            code = response.records().get(0).errorCode();
            message = response.records().get(0).errorMessage();
            kind = SinkErrors.ofErrorCode(code);
        } else {
            succeeded(List.of(entry));
            return;
        }
        switch (kind) {
            case STREAM_FATAL:
                throw fatal(code, message, cause);
            case THROTTLED:
                metrics.recordsThrottled.inc();
                retry.add(entry);
                return;
            case RETRYABLE:
                retry.add(entry);
                return;
            case RECORD_FATAL:
            default:
                reject(
                        ErrorType.REJECTED,
                        String.format(
                                "Kinesis rejected a record for stream %s: %s: %s",
                                streamId, code, message),
                        entry.data(),
                        entry.partitionKey(),
                        entry.explicitHashKey());
        }
    }

    private void succeeded(List<KinesisSinkEntry> entries) {
        long bytes = 0;
        for (KinesisSinkEntry e : entries) {
            bytes += e.sizeInBytes();
        }
        metrics.recordsSent.inc(entries.size());
        metrics.bytesSent.inc(bytes);
        failedAttemptsInARow = 0;
    }

    /** Hands {@code retry} back to the buffer after a backoff that doubles while failures last. */
    private void retryLater(
            List<KinesisSinkEntry> retry,
            boolean throttledRequest,
            ResultHandler<KinesisSinkEntry> handler) {
        metrics.recordsRetried.inc(retry.size());
        failedAttemptsInARow++;
        long initial = settings.retryInitialBackoff.toMillis();
        long max = settings.retryMaxBackoff.toMillis();
        int shift = Math.min(failedAttemptsInARow - 1, 20);
        long delay = Math.min(max, initial << shift);
        // Jitter in [delay/2, delay] so that subtasks throttled together do not retry together.
        delay = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
        List<KinesisSinkEntry> copy = List.copyOf(retry);
        time.registerTimer(
                time.getCurrentProcessingTime() + delay, t -> handler.retryForEntries(copy));
    }

    private KinesisSinkException fatal(String code, String message, @Nullable Throwable cause) {
        return new KinesisSinkException(
                String.format(
                        "The Kinesis sink cannot write to stream %s: %s: %s.%s",
                        streamId, code, message, SinkErrors.hint(code)),
                cause);
    }

    private void reject(
            ErrorType type,
            String message,
            byte[] data,
            @Nullable String partitionKey,
            @Nullable String explicitHashKey)
            throws Exception {
        if (deadLetters == null) {
            throw new KinesisSinkException(
                    message
                            + ". No dead-letter output is configured (sink.dead-letter.stream.arn"
                            + " or deadLetterHandler(...)), so the job fails rather than drop"
                            + " the record.");
        }
        deadLetters.handle(
                new KinesisSinkDeadLetter(
                        type,
                        message,
                        data,
                        partitionKey,
                        explicitHashKey,
                        streamId,
                        Instant.now()));
        metrics.recordsDeadLettered.inc();
    }

    /**
     * Writes everything buffered and waits for it, then flushes the dead letters: a checkpoint
     * completes only once every record before it is in Kinesis (at-least-once).
     */
    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        super.flush(true);
        flushDeadLetters();
    }

    private void flushDeadLetters() {
        if (deadLetters == null) {
            return;
        }
        try {
            deadLetters.flush();
        } catch (Exception e) {
            throw new KinesisSinkException(
                    "Cannot flush the dead letters of the Kinesis sink for stream " + streamId, e);
        }
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            client.close();
            if (deadLetters != null) {
                try {
                    deadLetters.close();
                } catch (Exception e) {
                    LOG.warn("Closing the dead-letter output failed", e);
                }
            }
        }
    }

    @VisibleForTesting
    int maxInFlightRecords() {
        return rateLimiter.getMaxBatchSize();
    }

    /** Passes the entry converted in {@link #write} on to the base class. */
    private static final class Handoff<T> implements ElementConverter<T, KinesisSinkEntry> {
        private static final long serialVersionUID = 1L;
        private transient KinesisSinkEntry next;

        @Override
        public KinesisSinkEntry apply(T element, SinkWriter.Context context) {
            KinesisSinkEntry e = next;
            next = null;
            return e;
        }
    }
}
