package dev.riffle.connector.kinesis.sink.internal;

import org.apache.flink.annotation.Internal;

import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

import java.util.concurrent.CompletableFuture;

/**
 * The one Kinesis call the sink makes. The SDK implementation does not retry (the writer retries
 * only the failed entries, with its own backoff and rate control); tests substitute a hand-written
 * fake to produce partial failures, throttling and fatal errors.
 */
@Internal
public interface KinesisSinkClient extends AutoCloseable {

    /**
     * Sends one request. The future completes with the response (which may report failed entries)
     * or exceptionally with the SDK's exception for a failed request.
     */
    CompletableFuture<PutRecordsResponse> putRecords(PutRecordsRequest request);

    @Override
    void close();
}
