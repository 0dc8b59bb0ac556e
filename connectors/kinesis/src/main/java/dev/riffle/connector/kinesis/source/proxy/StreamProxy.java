package dev.riffle.connector.kinesis.source.proxy;

import dev.riffle.connector.kinesis.source.split.StartingPosition;

import org.apache.flink.annotation.Internal;

import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The narrow view of Kinesis Data Streams the source needs, for one stream. The SDK implementation
 * is {@link KinesisStreamProxy}; tests use a hand-written fake to produce faults the emulator
 * cannot (throttling, expired iterators, subscriptions that end).
 *
 * <p>Methods throw the SDK's exceptions ({@code ExpiredIteratorException}, {@code
 * ProvisionedThroughputExceededException}, {@code ResourceNotFoundException}, ...) unchanged: the
 * callers classify them.
 */
@Internal
public interface StreamProxy extends AutoCloseable {

    /** Stream status, ARN and retention. */
    StreamDescriptionSummary describeStreamSummary();

    /** Every shard of the stream within its retention period, open and closed, in id order. */
    List<Shard> listShards();

    /**
     * An iterator at {@code position}. A position inside a KPL aggregate gives an iterator at the
     * aggregate; the caller skips the user records already read.
     */
    String getShardIterator(String shardId, StartingPosition position);

    /** One GetRecords call. */
    GetRecordsResponse getRecords(String shardIterator, int limit);

    /** The enhanced fan-out consumer of that name, or null if it is not registered. */
    Consumer describeConsumer(String consumerName);

    /** Registers an enhanced fan-out consumer; it becomes ACTIVE a few seconds later. */
    Consumer registerConsumer(String consumerName);

    /**
     * Subscribes to a shard for up to 5 minutes; events and the end arrive through {@code handler}.
     * Position inside an aggregate: as for {@link #getShardIterator}.
     */
    CompletableFuture<Void> subscribeToShard(
            String consumerArn,
            String shardId,
            StartingPosition position,
            SubscribeToShardResponseHandler handler);

    @Override
    void close();
}
