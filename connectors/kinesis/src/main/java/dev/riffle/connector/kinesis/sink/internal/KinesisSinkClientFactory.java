package dev.riffle.connector.kinesis.sink.internal;

import dev.riffle.connector.kinesis.aws.AwsClientFactory;
import dev.riffle.connector.kinesis.aws.ClientHandle;

import org.apache.flink.annotation.Internal;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

import java.io.Serializable;
import java.util.concurrent.CompletableFuture;

/** Creates each sink subtask's {@link KinesisSinkClient}; tests substitute fakes. */
@Internal
@FunctionalInterface
public interface KinesisSinkClientFactory extends Serializable {

    KinesisSinkClient create(SinkSettings settings);

    /** The AWS SDK's asynchronous client (Netty), without SDK retries. */
    static KinesisSinkClientFactory sdk() {
        return settings -> {
            ClientHandle<KinesisAsyncClient> handle =
                    AwsClientFactory.kinesisAsyncClient(
                            settings.aws.withRegionIfAbsent(settings.stream.region()),
                            o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()),
                            b -> {});
            return new KinesisSinkClient() {
                @Override
                public CompletableFuture<PutRecordsResponse> putRecords(PutRecordsRequest request) {
                    return handle.client().putRecords(request);
                }

                @Override
                public void close() {
                    handle.close();
                }
            };
        };
    }
}
