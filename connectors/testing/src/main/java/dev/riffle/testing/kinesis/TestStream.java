package dev.riffle.testing.kinesis;

import dev.riffle.testing.Await;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream created for one test, with plain-SDK helpers to write records into it and read them
 * back. The helpers do not use Riffle's connector, so they can check it.
 */
public final class TestStream {
    private static final int MAX_ENTRIES_PER_PUT = 500;

    private final KinesisClient client;
    private final String name;
    private final String arn;
    private final int shards;

    public TestStream(KinesisClient client, String name, String arn, int shards) {
        this.client = client;
        this.name = name;
        this.arn = arn;
        this.shards = shards;
    }

    public String name() {
        return name;
    }

    public String arn() {
        return arn;
    }

    /** The shard count it was created with. */
    public int shards() {
        return shards;
    }

    /** Writes one UTF-8 record; returns its sequence number. */
    public String put(String partitionKey, String data) {
        return client.putRecord(
                        r ->
                                r.streamARN(arn)
                                        .partitionKey(partitionKey)
                                        .data(SdkBytes.fromUtf8String(data)))
                .sequenceNumber();
    }

    /**
     * Writes every entry, in batches of 500, retrying entries the service rejected until all are
     * in. Entries with the same partition key keep their order.
     */
    public void putAll(List<PutRecordsRequestEntry> entries) {
        for (int from = 0; from < entries.size(); from += MAX_ENTRIES_PER_PUT) {
            List<PutRecordsRequestEntry> pending =
                    entries.subList(from, Math.min(entries.size(), from + MAX_ENTRIES_PER_PUT));
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                List<PutRecordsRequestEntry> batch = pending;
                PutRecordsResponse response =
                        client.putRecords(r -> r.streamARN(arn).records(batch));
                List<PutRecordsRequestEntry> failed = new ArrayList<>();
                List<PutRecordsResultEntry> results = response.records();
                for (int i = 0; i < results.size(); i++) {
                    if (results.get(i).errorCode() != null) {
                        failed.add(batch.get(i));
                    }
                }
                if (!failed.isEmpty() && attempt >= 10) {
                    throw new IllegalStateException(
                            failed.size() + " records still rejected after 10 attempts");
                }
                pending = failed;
            }
        }
    }

    /** Builds an entry with UTF-8 data. */
    public static PutRecordsRequestEntry entry(String partitionKey, String data) {
        return PutRecordsRequestEntry.builder()
                .partitionKey(partitionKey)
                .data(SdkBytes.fromString(data, StandardCharsets.UTF_8))
                .build();
    }

    /**
     * Reads every record currently in the stream, from every shard (open and closed), from the trim
     * horizon until it is caught up. Records of one shard are in sequence order.
     */
    public List<StreamRecord> readAll() {
        List<StreamRecord> out = new ArrayList<>();
        for (Shard shard : listShards()) {
            readShard(shard.shardId(), out);
        }
        return out;
    }

    /** Every shard of the stream, open and closed (ListShards, following its pages). */
    public List<Shard> listShards() {
        List<Shard> all = new ArrayList<>();
        ListShardsResponse page = client.listShards(r -> r.streamARN(arn));
        all.addAll(page.shards());
        while (page.nextToken() != null) {
            String token = page.nextToken();
            // With a NextToken the request must not name the stream.
            page = client.listShards(r -> r.nextToken(token));
            all.addAll(page.shards());
        }
        return all;
    }

    /** Polls {@link #readAll()} until it returns at least {@code count} records. */
    public List<StreamRecord> awaitRecords(int count, Duration timeout) {
        return Await.until(
                timeout,
                this::readAll,
                records -> records.size() >= count,
                () -> count + " records in stream " + name);
    }

    private void readShard(String shardId, List<StreamRecord> out) {
        String iterator =
                client.getShardIterator(
                                r ->
                                        r.streamARN(arn)
                                                .shardId(shardId)
                                                .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                        .shardIterator();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse response =
                    client.getRecords(r -> r.streamARN(arn).shardIterator(current).limit(10_000));
            for (Record record : response.records()) {
                out.add(
                        new StreamRecord(
                                shardId,
                                record.partitionKey(),
                                record.sequenceNumber(),
                                record.data().asByteArray(),
                                record.approximateArrivalTimestamp()));
            }
            boolean caughtUp =
                    response.records().isEmpty()
                            && (response.millisBehindLatest() == null
                                    || response.millisBehindLatest() == 0);
            iterator = caughtUp ? null : response.nextShardIterator();
        }
    }

    @Override
    public String toString() {
        return "TestStream[" + name + ", " + shards + " shards]";
    }
}
