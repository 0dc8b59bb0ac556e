package dev.riffle.jobs.ingestion;

import dev.riffle.testing.kinesis.StreamRecord;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a stream from its trim horizon as records arrive, keeping one iterator per shard, so a test
 * can poll what a job wrote without reading the whole stream again each time (kinesis-mock is
 * slow). For streams that are not resharded while read.
 */
final class StreamTail {
    private final KinesisClient client;
    private final String arn;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final List<StreamRecord> records = new ArrayList<>();

    StreamTail(KinesisClient client, String arn) {
        this.client = client;
        this.arn = arn;
        for (Shard shard : client.listShards(r -> r.streamARN(arn)).shards()) {
            iterators.put(
                    shard.shardId(),
                    client.getShardIterator(
                                    r ->
                                            r.streamARN(arn)
                                                    .shardId(shard.shardId())
                                                    .shardIteratorType(
                                                            ShardIteratorType.TRIM_HORIZON))
                            .shardIterator());
        }
    }

    /** Everything read so far, per shard in sequence order (shards one after the other). */
    synchronized List<StreamRecord> poll() {
        for (Map.Entry<String, String> shard : iterators.entrySet()) {
            while (true) {
                String iterator = shard.getValue();
                GetRecordsResponse response =
                        client.getRecords(r -> r.streamARN(arn).shardIterator(iterator));
                shard.setValue(response.nextShardIterator());
                for (Record record : response.records()) {
                    records.add(
                            new StreamRecord(
                                    shard.getKey(),
                                    record.partitionKey(),
                                    record.sequenceNumber(),
                                    record.data().asByteArray(),
                                    record.approximateArrivalTimestamp()));
                }
                if (response.records().isEmpty()
                        || response.millisBehindLatest() == null
                        || response.millisBehindLatest() == 0) {
                    break;
                }
            }
        }
        List<StreamRecord> sorted = new ArrayList<>();
        for (String shardId : iterators.keySet()) {
            for (StreamRecord r : records) {
                if (r.shardId().equals(shardId)) {
                    sorted.add(r);
                }
            }
        }
        return sorted;
    }
}
