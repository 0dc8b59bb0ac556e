package dev.riffle.bench.kinesis;

import dev.riffle.bench.BenchResult;
import dev.riffle.bench.Benchmark;
import dev.riffle.bench.Rounds;
import dev.riffle.connector.kinesis.sink.KinesisSink;
import dev.riffle.connector.kinesis.sink.PartitionKeyGenerator;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench/run kinesis-sink}: records per second through our sink (a Flink job at parallelism
 * 1: a sequence source, the sink with its defaults of 500 records per request and up to 50 requests
 * in flight) against a plain AWS SDK loop that sends the same records in PutRecords requests of
 * 500, one after another, both into the same in-process endpoint (which accepts everything).
 * Records are 200 bytes with 100 distinct partition keys on both sides.
 *
 * <p>Both sides are timed by the endpoint, from the first request's arrival to the last record's,
 * so job start-up is left out. Each side runs three times, alternating after a warm-up round; the
 * median counts.
 */
public final class KinesisSinkBenchmark implements Benchmark {

    private static final int RECORD_BYTES = 200;
    private static final int BATCH = 500;
    private static final long TOTAL = 400_000;

    @Override
    public String name() {
        return "kinesis-sink";
    }

    @Override
    public BenchResult run() throws Exception {
        // The endpoint speaks JSON; both sides' clients are built after this.
        System.setProperty("aws.cborEnabled", "false");
        double[] medians =
                Rounds.medians(
                        3, "rec/s", KinesisSinkBenchmark::sdkLoop, KinesisSinkBenchmark::ourSink);
        return BenchResult.compared(name(), "records_per_s", medians[0], medians[1]);
    }

    /** The same 200 bytes per record on both sides, with the record's number in front. */
    static byte[] record(long i) {
        byte[] data = new byte[RECORD_BYTES];
        for (int b = 0; b < RECORD_BYTES; b++) {
            data[b] = (byte) ('a' + (i + b) % 26);
        }
        for (int b = 0; b < 8; b++) {
            data[b] = (byte) (i >>> (8 * b));
        }
        return data;
    }

    static String partitionKey(long i) {
        return "pk-" + (i % 100);
    }

    /** The baseline: PutRecords of 500 records at a time, each after the previous one returned. */
    private static double sdkLoop() throws Exception {
        try (FakeKinesisEndpoint endpoint = new FakeKinesisEndpoint(1, 1, 1);
                KinesisClient client =
                        KinesisClient.builder()
                                .endpointOverride(URI.create(endpoint.endpoint()))
                                .region(Region.US_EAST_1)
                                .credentialsProvider(
                                        StaticCredentialsProvider.create(
                                                AwsBasicCredentials.create("bench", "bench")))
                                .httpClientBuilder(ApacheHttpClient.builder())
                                .build()) {
            for (long from = 0; from < TOTAL; from += BATCH) {
                List<PutRecordsRequestEntry> entries = new ArrayList<>(BATCH);
                for (long i = from; i < Math.min(TOTAL, from + BATCH); i++) {
                    entries.add(
                            PutRecordsRequestEntry.builder()
                                    .data(SdkBytes.fromByteArrayUnsafe(record(i)))
                                    .partitionKey(partitionKey(i))
                                    .build());
                }
                PutRecordsResponse response =
                        client.putRecords(
                                r -> r.streamARN(FakeKinesisEndpoint.STREAM_ARN).records(entries));
                if (response.failedRecordCount() != 0) {
                    throw new IllegalStateException("the endpoint rejected records");
                }
            }
            return measured(endpoint);
        }
    }

    /** Our sink in a Flink job at parallelism 1. */
    private static double ourSink() throws Exception {
        try (FakeKinesisEndpoint endpoint = new FakeKinesisEndpoint(1, 1, 1)) {
            KinesisSink<Long> sink =
                    KinesisSink.<Long>builder()
                            .streamArn(FakeKinesisEndpoint.STREAM_ARN)
                            .endpoint(endpoint.endpoint())
                            .set("aws.credentials.provider", "BASIC")
                            .set("aws.credentials.provider.basic.accesskeyid", "bench")
                            .set("aws.credentials.provider.basic.secretkey", "bench")
                            // The in-process endpoint speaks HTTP/1.1 only.
                            .set("aws.http.protocol.version", "HTTP1_1")
                            .serializationSchema(new RecordSchema())
                            .partitionKeyGenerator(new Keys())
                            .build();
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironment(1, new Configuration());
            env.fromSequence(0, TOTAL - 1).uid("sequence").sinkTo(sink).uid("kinesis-sink");
            env.execute("kinesis-sink-bench");
            return measured(endpoint);
        }
    }

    private static double measured(FakeKinesisEndpoint endpoint) {
        if (endpoint.putRecordCount() != TOTAL) {
            throw new IllegalStateException(
                    "the endpoint took " + endpoint.putRecordCount() + " of " + TOTAL + " records");
        }
        return TOTAL / endpoint.putSeconds();
    }

    static final class RecordSchema implements SerializationSchema<Long> {
        @Override
        public byte[] serialize(Long element) {
            return record(element);
        }
    }

    static final class Keys implements PartitionKeyGenerator<Long> {
        @Override
        public String apply(Long element) {
            return partitionKey(element);
        }
    }
}
