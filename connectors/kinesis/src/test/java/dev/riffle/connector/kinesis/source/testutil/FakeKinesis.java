package dev.riffle.connector.kinesis.source.testutil;

import dev.riffle.connector.kinesis.source.proxy.StreamProxy;
import dev.riffle.connector.kinesis.source.proxy.StreamProxyFactory;
import dev.riffle.connector.kinesis.source.split.StartingPosition;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponse;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written Kinesis behind {@link StreamProxy}: shards with records, splits and merges, and
 * scripted faults the emulator cannot produce (throttling, expired iterators, deleted shards,
 * subscriptions that end). Thread-safe enough for a fetcher thread and a test thread.
 */
public final class FakeKinesis implements StreamProxy {

    public static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/fake";

    private static final Map<String, FakeKinesis> REGISTRY = new ConcurrentHashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger();

    private final Map<String, FakeShard> shards = new LinkedHashMap<>();
    private final Map<String, Deque<RuntimeException>> getRecordsFaults = new ConcurrentHashMap<>();
    private final Map<String, Deque<RuntimeException>> subscribeFaults = new ConcurrentHashMap<>();
    public final List<String> iteratorRequests = new CopyOnWriteArrayList<>();
    public final Map<String, AtomicInteger> getRecordsCalls = new ConcurrentHashMap<>();
    public final List<String> subscriptions = new CopyOnWriteArrayList<>();
    private int nextShardNumber;
    private volatile int eventsPerSubscription = Integer.MAX_VALUE;
    private volatile int recordsPerEvent = 2;
    private volatile Consumer consumer;
    private boolean streamDeleted;

    /** A fake with {@code n} open shards. */
    public static FakeKinesis withShards(int n) {
        FakeKinesis k = new FakeKinesis();
        for (int i = 0; i < n; i++) {
            k.addShard();
        }
        return k;
    }

    /** A factory that serializes to an id, so that MiniCluster tasks reach this instance. */
    public StreamProxyFactory factory() {
        String id = "fake-" + IDS.incrementAndGet();
        REGISTRY.put(id, this);
        return (settings, forReader) -> REGISTRY.get(id).nonClosing();
    }

    private StreamProxy nonClosing() {
        return this;
    }

    public synchronized String addShard(String... parents) {
        String id = String.format("shardId-%012d", nextShardNumber++);
        shards.put(id, new FakeShard(id, parents, nextShardNumber * 1_000_000L));
        return id;
    }

    /** Appends records with the given payloads; returns their sequence numbers. */
    public synchronized List<String> put(String shardId, String... payloads) {
        List<String> seqs = new ArrayList<>();
        for (String p : payloads) {
            seqs.add(putBytes(shardId, "pk-" + p, p.getBytes(StandardCharsets.UTF_8)));
        }
        return seqs;
    }

    public synchronized String putBytes(String shardId, String partitionKey, byte[] data) {
        FakeShard s = shard(shardId);
        if (s.closed) {
            throw new IllegalStateException(shardId + " is closed");
        }
        String seq = String.format("%030d", s.base + s.records.size());
        s.records.add(
                Record.builder()
                        .data(SdkBytes.fromByteArray(data))
                        .partitionKey(partitionKey)
                        .sequenceNumber(seq)
                        .approximateArrivalTimestamp(
                                Instant.ofEpochMilli(1_700_000_000_000L + s.records.size()))
                        .build());
        return seq;
    }

    /** Closes a shard and creates two children (a split). */
    public synchronized List<String> split(String shardId) {
        shard(shardId).closed = true;
        return List.of(addShard(shardId), addShard(shardId));
    }

    /** Closes two shards and creates their child (a merge). */
    public synchronized String merge(String a, String b) {
        shard(a).closed = true;
        shard(b).closed = true;
        return addShard(a, b);
    }

    public synchronized void close(String shardId) {
        shard(shardId).closed = true;
    }

    /** Every call on the shard fails with ResourceNotFound, although ListShards still lists it. */
    public synchronized void delete(String shardId) {
        shard(shardId).deleted = true;
    }

    /** The whole stream is deleted: ListShards fails with ResourceNotFound. */
    public synchronized void deleteStream() {
        streamDeleted = true;
    }

    /** Past retention: no longer listed, and every call on it fails with ResourceNotFound. */
    public synchronized void expire(String shardId) {
        shards.remove(shardId);
    }

    /** The next GetRecords calls on the shard throw these, in order. */
    public void failGetRecords(String shardId, RuntimeException... faults) {
        getRecordsFaults
                .computeIfAbsent(shardId, k -> new java.util.concurrent.ConcurrentLinkedDeque<>())
                .addAll(List.of(faults));
    }

    /** The next subscriptions to the shard fail with these, in order. */
    public void failSubscriptions(String shardId, RuntimeException... faults) {
        subscribeFaults
                .computeIfAbsent(shardId, k -> new java.util.concurrent.ConcurrentLinkedDeque<>())
                .addAll(List.of(faults));
    }

    /** Every existing iterator of the shard expires. */
    public synchronized void expireIterators(String shardId) {
        shard(shardId).iteratorGeneration++;
    }

    public void eventsPerSubscription(int n) {
        this.eventsPerSubscription = n;
    }

    public void recordsPerEvent(int n) {
        this.recordsPerEvent = n;
    }

    private FakeShard shard(String id) {
        FakeShard s = shards.get(id);
        if (s == null) {
            throw ResourceNotFoundException.builder().message("Shard " + id + " not found").build();
        }
        return s;
    }

    @Override
    public synchronized StreamDescriptionSummary describeStreamSummary() {
        return StreamDescriptionSummary.builder()
                .streamARN(STREAM_ARN)
                .streamName("fake")
                .retentionPeriodHours(24)
                .openShardCount((int) shards.values().stream().filter(s -> !s.closed).count())
                .build();
    }

    @Override
    public synchronized List<Shard> listShards() {
        if (streamDeleted) {
            throw ResourceNotFoundException.builder()
                    .message("Stream fake under account 000000000000 not found.")
                    .build();
        }
        List<Shard> out = new ArrayList<>();
        for (FakeShard s : shards.values()) {
            out.add(
                    Shard.builder()
                            .shardId(s.id)
                            .parentShardId(s.parents.length > 0 ? s.parents[0] : null)
                            .adjacentParentShardId(s.parents.length > 1 ? s.parents[1] : null)
                            .hashKeyRange(
                                    HashKeyRange.builder()
                                            .startingHashKey("0")
                                            .endingHashKey("1")
                                            .build())
                            .sequenceNumberRange(
                                    SequenceNumberRange.builder()
                                            .startingSequenceNumber(String.valueOf(s.base))
                                            .build())
                            .build());
        }
        return out;
    }

    @Override
    public synchronized String getShardIterator(String shardId, StartingPosition position) {
        iteratorRequests.add(shardId + " " + position);
        FakeShard s = shard(shardId);
        if (s.deleted) {
            throw ResourceNotFoundException.builder()
                    .message("Shard " + shardId + " deleted")
                    .build();
        }
        return shardId + "/" + s.indexOf(position) + "/" + s.iteratorGeneration;
    }

    @Override
    public GetRecordsResponse getRecords(String shardIterator, int limit) {
        String[] parts = shardIterator.split("/");
        String shardId = parts[0];
        getRecordsCalls.computeIfAbsent(shardId, k -> new AtomicInteger()).incrementAndGet();
        Deque<RuntimeException> faults = getRecordsFaults.get(shardId);
        if (faults != null) {
            RuntimeException fault = faults.poll();
            if (fault != null) {
                throw fault;
            }
        }
        synchronized (this) {
            FakeShard s = shard(shardId);
            if (s.deleted) {
                throw ResourceNotFoundException.builder().message("deleted").build();
            }
            if (Integer.parseInt(parts[2]) != s.iteratorGeneration) {
                throw ExpiredIteratorException.builder().message("Iterator expired").build();
            }
            int from = Integer.parseInt(parts[1]);
            int to = Math.min(s.records.size(), from + limit);
            List<Record> records = new ArrayList<>(s.records.subList(from, to));
            boolean atEnd = to == s.records.size();
            String next =
                    atEnd && s.closed ? null : shardId + "/" + to + "/" + s.iteratorGeneration;
            return GetRecordsResponse.builder()
                    .records(records)
                    .nextShardIterator(next)
                    .millisBehindLatest(atEnd ? 0L : 1000L)
                    .build();
        }
    }

    @Override
    public Consumer describeConsumer(String consumerName) {
        return consumer;
    }

    @Override
    public Consumer registerConsumer(String consumerName) {
        consumer =
                Consumer.builder()
                        .consumerName(consumerName)
                        .consumerARN(STREAM_ARN + "/consumer/" + consumerName + ":1")
                        .consumerStatus(ConsumerStatus.ACTIVE)
                        .build();
        return consumer;
    }

    /**
     * Delivers events of {@code recordsPerEvent} records from the position, then completes after
     * {@code eventsPerSubscription} events (as Kinesis does after 5 minutes), or at the end of a
     * closed shard with a null continuation sequence number.
     */
    @Override
    public CompletableFuture<Void> subscribeToShard(
            String consumerArn,
            String shardId,
            StartingPosition position,
            SubscribeToShardResponseHandler handler) {
        subscriptions.add(shardId + " " + position);
        Deque<RuntimeException> faults = subscribeFaults.get(shardId);
        RuntimeException fault = faults == null ? null : faults.poll();
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (fault != null) {
            handler.exceptionOccurred(fault);
            done.completeExceptionally(fault);
            return done;
        }
        List<SubscribeToShardEventStream> events = new ArrayList<>();
        synchronized (this) {
            FakeShard s = shard(shardId);
            int index = s.indexOf(position);
            for (int e = 0; e < eventsPerSubscription; e++) {
                int to = Math.min(s.records.size(), index + recordsPerEvent);
                boolean end = to == s.records.size() && s.closed;
                String continuation = end ? null : String.format("%030d", s.base + to - 1);
                events.add(
                        SubscribeToShardEvent.builder()
                                .records(new ArrayList<>(s.records.subList(index, to)))
                                .continuationSequenceNumber(continuation)
                                .millisBehindLatest(to == s.records.size() ? 0L : 1000L)
                                .build());
                index = to;
                if (end || to == s.records.size()) {
                    break;
                }
            }
        }
        handler.responseReceived(SubscribeToShardResponse.builder().build());
        handler.onEventStream(SdkPublisher.adapt(new ListPublisher(events, handler, done)));
        return done;
    }

    @Override
    public void close() {}

    /** Publishes the events on demand, then completes. */
    private static final class ListPublisher
            implements org.reactivestreams.Publisher<SubscribeToShardEventStream> {
        private final List<SubscribeToShardEventStream> events;
        private final SubscribeToShardResponseHandler handler;
        private final CompletableFuture<Void> done;

        ListPublisher(
                List<SubscribeToShardEventStream> events,
                SubscribeToShardResponseHandler handler,
                CompletableFuture<Void> done) {
            this.events = events;
            this.handler = handler;
            this.done = done;
        }

        @Override
        public void subscribe(
                org.reactivestreams.Subscriber<? super SubscribeToShardEventStream> s) {
            Deque<SubscribeToShardEventStream> pending = new ArrayDeque<>(events);
            s.onSubscribe(
                    new org.reactivestreams.Subscription() {
                        private boolean finished;

                        @Override
                        public synchronized void request(long n) {
                            for (long i = 0; i < n && !pending.isEmpty(); i++) {
                                s.onNext(pending.poll());
                            }
                            if (pending.isEmpty() && !finished) {
                                finished = true;
                                s.onComplete();
                                handler.complete();
                                done.complete(null);
                            }
                        }

                        @Override
                        public void cancel() {
                            finished = true;
                        }
                    });
        }
    }

    private static final class FakeShard {
        final String id;
        final String[] parents;
        final long base;
        final List<Record> records = Collections.synchronizedList(new ArrayList<>());
        boolean closed;
        boolean deleted;
        int iteratorGeneration;

        FakeShard(String id, String[] parents, long base) {
            this.id = id;
            this.parents = parents;
            this.base = base;
        }

        int indexOf(StartingPosition p) {
            switch (p.type()) {
                case TRIM_HORIZON:
                    return 0;
                case AT_TIMESTAMP:
                    for (int i = 0; i < records.size(); i++) {
                        if (!records.get(i).approximateArrivalTimestamp().isBefore(p.timestamp())) {
                            return i;
                        }
                    }
                    return records.size();
                case AT_SEQUENCE_NUMBER:
                    return (int) (Long.parseLong(p.sequenceNumber()) - base);
                case AFTER_SEQUENCE_NUMBER:
                    long idx = Long.parseLong(p.sequenceNumber()) - base;
                    return (int) (p.isInsideAggregate() ? idx : idx + 1);
                default:
                    throw new IllegalArgumentException(p.toString());
            }
        }
    }
}
