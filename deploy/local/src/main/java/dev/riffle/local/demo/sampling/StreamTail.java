package dev.riffle.local.demo.sampling;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Kinesis stream from a point in time on, the way any consumer would: one shard iterator
 * per shard ({@code AT_TIMESTAMP}), {@code GetRecords} on each call of {@link #poll()}. Shards that
 * appear later (a reshard) are picked up from the same time.
 */
public final class StreamTail {
    /** A record with Kinesis' approximate arrival time. */
    public record Entry(long arrivedAt, byte[] data) {}

    private final KinesisClient kinesis;
    private final String stream;
    private final Instant from;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final java.util.Set<String> closed = new java.util.HashSet<>();

    public StreamTail(KinesisClient kinesis, String stream, Instant from) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.from = from;
    }

    /** The records that arrived since the last call, in order per shard. */
    public List<Entry> poll() {
        for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
            String id = shard.shardId();
            if (!iterators.containsKey(id) && !closed.contains(id)) {
                iterators.put(
                        id,
                        kinesis.getShardIterator(
                                        b ->
                                                b.streamName(stream)
                                                        .shardId(id)
                                                        .shardIteratorType(
                                                                ShardIteratorType.AT_TIMESTAMP)
                                                        .timestamp(from))
                                .shardIterator());
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, String> shard : new ArrayList<>(iterators.entrySet())) {
            String iterator = shard.getValue();
            // At most a few pages per shard and poll: the summary must stay responsive.
            for (int page = 0; page < 5 && iterator != null; page++) {
                String current = iterator;
                GetRecordsResponse response =
                        kinesis.getRecords(b -> b.shardIterator(current).limit(1000));
                response.records()
                        .forEach(
                                r ->
                                        entries.add(
                                                new Entry(
                                                        r.approximateArrivalTimestamp()
                                                                .toEpochMilli(),
                                                        r.data().asByteArray())));
                iterator = response.nextShardIterator();
                if (response.records().isEmpty()) {
                    break;
                }
            }
            if (iterator == null) {
                iterators.remove(shard.getKey());
                closed.add(shard.getKey());
            } else {
                iterators.put(shard.getKey(), iterator);
            }
        }
        return entries;
    }
}
