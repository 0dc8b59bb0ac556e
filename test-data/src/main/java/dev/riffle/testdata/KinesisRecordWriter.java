package dev.riffle.testdata;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes generated records to a Kinesis stream with PutRecords, in batches of up to 500 records or
 * 4 MiB, retrying the entries a batch reports as failed (throttling) with exponential backoff.
 * Order per partition key is kept: a failed entry is retried before anything after it is sent. The
 * generator is a producer, not a Flink job, so it uses the plain SDK.
 */
public final class KinesisRecordWriter implements RecordWriter {
    private static final int MAX_BATCH_RECORDS = 500;
    private static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;
    private static final int MAX_ATTEMPTS = 10;

    private final KinesisClient client;
    private final String stream;
    private final boolean isArn;
    private final List<PutRecordsRequestEntry> batch = new ArrayList<>();
    private long batchBytes;
    private long written;

    /**
     * @param stream a stream name or ARN
     */
    public KinesisRecordWriter(KinesisClient client, String stream) {
        this.client = client;
        this.stream = stream;
        this.isArn = stream.startsWith("arn:");
    }

    @Override
    public void write(GeneratedRecord r) throws IOException {
        long size = r.data().length + r.partitionKey().length();
        if (batch.size() == MAX_BATCH_RECORDS || batchBytes + size > MAX_BATCH_BYTES) {
            flush();
        }
        batch.add(
                PutRecordsRequestEntry.builder()
                        .data(SdkBytes.fromByteArray(r.data()))
                        .partitionKey(r.partitionKey())
                        .build());
        batchBytes += size;
    }

    @Override
    public void flush() throws IOException {
        List<PutRecordsRequestEntry> pending = new ArrayList<>(batch);
        batch.clear();
        batchBytes = 0;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            PutRecordsRequest.Builder request = PutRecordsRequest.builder().records(pending);
            request = isArn ? request.streamARN(stream) : request.streamName(stream);
            PutRecordsResponse response = client.putRecords(request.build());
            if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
                written += pending.size();
                return;
            }
            // Keep order per key: resend from the first failed entry on.
            List<PutRecordsResultEntry> results = response.records();
            int firstFailed = 0;
            while (firstFailed < results.size() && results.get(firstFailed).errorCode() == null) {
                firstFailed++;
            }
            written += firstFailed;
            if (attempt == MAX_ATTEMPTS) {
                throw new IOException(
                        "PutRecords to "
                                + stream
                                + " kept failing after "
                                + MAX_ATTEMPTS
                                + " attempts: "
                                + results.get(firstFailed).errorCode()
                                + " "
                                + results.get(firstFailed).errorMessage());
            }
            pending = new ArrayList<>(pending.subList(firstFailed, pending.size()));
            try {
                Thread.sleep(Math.min(5000, 50L << attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while retrying PutRecords", e);
            }
        }
    }

    /** Records the stream acknowledged so far. */
    public long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
