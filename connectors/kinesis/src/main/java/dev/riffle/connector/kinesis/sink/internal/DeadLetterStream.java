package dev.riffle.connector.kinesis.sink.internal;

import dev.riffle.connector.kinesis.aws.AwsClientFactory;
import dev.riffle.connector.kinesis.aws.AwsSettings;
import dev.riffle.connector.kinesis.aws.ClientHandle;
import dev.riffle.connector.kinesis.aws.StreamAddress;
import dev.riffle.connector.kinesis.sink.KinesisSinkDeadLetter;
import dev.riffle.connector.kinesis.sink.KinesisSinkDeadLetterHandler;
import dev.riffle.connector.kinesis.sink.KinesisSinkException;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;

/**
 * The built-in dead-letter output: each dead letter is written at once, synchronously, as a JSON
 * envelope ({@link KinesisSinkDeadLetter#toJson()}) to a second stream, with the record's partition
 * key. The SDK's standard retries cover throttling and transient errors; if the write still fails
 * the job fails, so a dead letter is never lost.
 */
@Internal
public final class DeadLetterStream implements KinesisSinkDeadLetterHandler {
    private static final long serialVersionUID = 1L;

    private final StreamAddress stream;
    private final AwsSettings aws;
    private transient ClientHandle<KinesisClient> client;

    public DeadLetterStream(StreamAddress stream, AwsSettings aws) {
        this.stream = stream;
        this.aws = aws;
    }

    public StreamAddress stream() {
        return stream;
    }

    @Override
    public void open(WriterInitContext context) {
        client = AwsClientFactory.kinesisClient(aws.withRegionIfAbsent(stream.region()));
    }

    @Override
    public void handle(KinesisSinkDeadLetter deadLetter) {
        String key = deadLetter.partitionKey() == null ? "dead-letter" : deadLetter.partitionKey();
        PutRecordRequest.Builder request =
                PutRecordRequest.builder()
                        .partitionKey(key)
                        .data(SdkBytes.fromByteArrayUnsafe(deadLetter.toJson()));
        if (stream.arn().isPresent()) {
            request.streamARN(stream.arn().get());
        } else {
            request.streamName(stream.name());
        }
        try {
            client.client().putRecord(request.build());
        } catch (RuntimeException e) {
            throw new KinesisSinkException(
                    "Cannot write a dead letter to stream "
                            + stream.id()
                            + " (dead letter: "
                            + deadLetter
                            + ")",
                    e);
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
