package dev.riffle.connector.kinesis.source.proxy;

import dev.riffle.connector.kinesis.aws.AwsClientFactory;
import dev.riffle.connector.kinesis.aws.AwsSettings;
import dev.riffle.connector.kinesis.aws.ClientHandle;
import dev.riffle.connector.kinesis.aws.StreamAddress;
import dev.riffle.connector.kinesis.source.split.StartingPosition;

import org.apache.flink.annotation.Internal;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamConsumerResponse;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@link StreamProxy} on the AWS SDK v2. The synchronous client does not retry (the reader retries
 * per shard with its own backoff, so that one throttled shard does not stall the others and every
 * throttled call is counted); the asynchronous client is created on first use, for enhanced fan-out
 * only.
 */
@Internal
public final class KinesisStreamProxy implements StreamProxy {

    private final StreamAddress stream;
    private final AwsSettings aws;
    private final ClientHandle<KinesisClient> sync;
    @Nullable private ClientHandle<KinesisAsyncClient> async;
    @Nullable private volatile String streamArn;

    public KinesisStreamProxy(StreamAddress stream, AwsSettings aws, boolean sdkRetries) {
        this.stream = stream;
        this.aws = aws.withRegionIfAbsent(stream.region());
        this.sync =
                AwsClientFactory.kinesisClient(
                        this.aws,
                        o -> {
                            if (!sdkRetries) {
                                o.retryStrategy(AwsRetryStrategy.doNotRetry());
                            }
                        },
                        b -> {});
        this.streamArn = stream.arn().orElse(null);
    }

    @Override
    public StreamDescriptionSummary describeStreamSummary() {
        StreamDescriptionSummary summary =
                sync.client()
                        .describeStreamSummary(
                                b -> {
                                    if (streamArn != null) {
                                        b.streamARN(streamArn);
                                    } else {
                                        b.streamName(stream.name());
                                    }
                                })
                        .streamDescriptionSummary();
        streamArn = summary.streamARN();
        return summary;
    }

    @Override
    public List<Shard> listShards() {
        List<Shard> shards = new ArrayList<>();
        String next = null;
        do {
            ListShardsRequest.Builder request = ListShardsRequest.builder();
            if (next != null) {
                request.nextToken(next);
            } else if (streamArn != null) {
                request.streamARN(streamArn);
            } else {
                request.streamName(stream.name());
            }
            ListShardsResponse response = sync.client().listShards(request.build());
            shards.addAll(response.shards());
            next = response.nextToken();
        } while (next != null);
        return shards;
    }

    @Override
    public String getShardIterator(String shardId, StartingPosition position) {
        GetShardIteratorRequest.Builder request =
                GetShardIteratorRequest.builder().shardId(shardId);
        if (streamArn != null) {
            request.streamARN(streamArn);
        } else {
            request.streamName(stream.name());
        }
        applyPosition(position, request);
        return sync.client().getShardIterator(request.build()).shardIterator();
    }

    static void applyPosition(StartingPosition position, GetShardIteratorRequest.Builder request) {
        switch (position.type()) {
            case TRIM_HORIZON:
                request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                break;
            case AT_TIMESTAMP:
                request.shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
                        .timestamp(position.timestamp());
                break;
            case AT_SEQUENCE_NUMBER:
                request.shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                        .startingSequenceNumber(position.sequenceNumber());
                break;
            case AFTER_SEQUENCE_NUMBER:
                request.shardIteratorType(
                                position.isInsideAggregate()
                                        ? ShardIteratorType.AT_SEQUENCE_NUMBER
                                        : ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .startingSequenceNumber(position.sequenceNumber());
                break;
            default:
                throw new IllegalArgumentException("Unsupported position " + position);
        }
    }

    @Override
    public GetRecordsResponse getRecords(String shardIterator, int limit) {
        return sync.client()
                .getRecords(
                        b -> {
                            b.shardIterator(shardIterator).limit(limit);
                            if (streamArn != null) {
                                b.streamARN(streamArn);
                            }
                        });
    }

    private String arn() {
        if (streamArn == null) {
            describeStreamSummary();
        }
        return streamArn;
    }

    @Override
    @Nullable
    public Consumer describeConsumer(String consumerName) {
        try {
            DescribeStreamConsumerResponse r =
                    sync.client()
                            .describeStreamConsumer(
                                    b -> b.streamARN(arn()).consumerName(consumerName));
            return toConsumer(r);
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    private static Consumer toConsumer(DescribeStreamConsumerResponse r) {
        return Consumer.builder()
                .consumerARN(r.consumerDescription().consumerARN())
                .consumerName(r.consumerDescription().consumerName())
                .consumerStatus(r.consumerDescription().consumerStatus())
                .consumerCreationTimestamp(r.consumerDescription().consumerCreationTimestamp())
                .build();
    }

    @Override
    public Consumer registerConsumer(String consumerName) {
        return sync.client()
                .registerStreamConsumer(b -> b.streamARN(arn()).consumerName(consumerName))
                .consumer();
    }

    @Override
    public CompletableFuture<Void> subscribeToShard(
            String consumerArn,
            String shardId,
            StartingPosition position,
            SubscribeToShardResponseHandler handler) {
        return asyncClient()
                .subscribeToShard(
                        b ->
                                b.consumerARN(consumerArn)
                                        .shardId(shardId)
                                        .startingPosition(toEfoPosition(position)),
                        handler);
    }

    static software.amazon.awssdk.services.kinesis.model.StartingPosition toEfoPosition(
            StartingPosition position) {
        software.amazon.awssdk.services.kinesis.model.StartingPosition.Builder b =
                software.amazon.awssdk.services.kinesis.model.StartingPosition.builder();
        switch (position.type()) {
            case TRIM_HORIZON:
                return b.type(ShardIteratorType.TRIM_HORIZON).build();
            case AT_TIMESTAMP:
                return b.type(ShardIteratorType.AT_TIMESTAMP)
                        .timestamp(position.timestamp())
                        .build();
            case AT_SEQUENCE_NUMBER:
                return b.type(ShardIteratorType.AT_SEQUENCE_NUMBER)
                        .sequenceNumber(position.sequenceNumber())
                        .build();
            case AFTER_SEQUENCE_NUMBER:
                return b.type(
                                position.isInsideAggregate()
                                        ? ShardIteratorType.AT_SEQUENCE_NUMBER
                                        : ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .sequenceNumber(position.sequenceNumber())
                        .build();
            default:
                throw new IllegalArgumentException("Unsupported position " + position);
        }
    }

    private synchronized KinesisAsyncClient asyncClient() {
        if (async == null) {
            async = AwsClientFactory.kinesisAsyncClient(aws);
        }
        return async.client();
    }

    @Override
    public synchronized void close() {
        sync.close();
        if (async != null) {
            async.close();
        }
    }
}
