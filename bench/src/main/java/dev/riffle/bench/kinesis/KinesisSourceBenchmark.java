package dev.riffle.bench.kinesis;

import dev.riffle.bench.BenchResult;
import dev.riffle.bench.Benchmark;
import dev.riffle.bench.Rounds;
import dev.riffle.connector.kinesis.source.KinesisSource;
import dev.riffle.connector.kinesis.source.config.KinesisSourceOptions.InitialPosition;
import dev.riffle.connector.kinesis.source.serialization.KinesisDeserializationSchema;
import dev.riffle.connector.kinesis.source.serialization.KinesisRecord;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench/run kinesis-source}: records per second through our source (a Flink job at
 * parallelism 1, the source chained to a counting sink, the real SDK client) against a plain AWS
 * SDK GetRecords loop, both reading the same prepared responses (batches of 10,000 records of 200
 * bytes) from an in-process endpoint.
 *
 * <p>Pacing is switched off on our side (no least interval, no byte budget, no rest), since the
 * loop does not pace either: the figure is the cost per record, not Kinesis' limits. Each side runs
 * three times, alternating; the median counts. Our timing runs from the first record to the last in
 * the sink, so job start-up is left out; the loop's from its first call to its last.
 */
public final class KinesisSourceBenchmark implements Benchmark {

    private static final int RECORDS_PER_BATCH = 10_000;
    private static final int RECORD_BYTES = 200;
    private static final int BATCHES = 100;
    private static final long TOTAL = (long) RECORDS_PER_BATCH * BATCHES;

    static final AtomicLong COUNT = new AtomicLong();
    static final AtomicLong FIRST_NANOS = new AtomicLong();
    static final AtomicLong LAST_NANOS = new AtomicLong();

    @Override
    public String name() {
        return "kinesis-source";
    }

    @Override
    public BenchResult run() throws Exception {
        // The endpoint speaks JSON; both sides' clients are built after this.
        System.setProperty("aws.cborEnabled", "false");
        double[] medians =
                Rounds.medians(
                        3,
                        "rec/s",
                        KinesisSourceBenchmark::sdkLoop,
                        KinesisSourceBenchmark::ourSource);
        return BenchResult.compared(name(), "records_per_s", medians[0], medians[1]);
    }

    /** The baseline: GetShardIterator, then GetRecords until the shard ends. */
    private static double sdkLoop() throws Exception {
        try (FakeKinesisEndpoint endpoint =
                        new FakeKinesisEndpoint(RECORDS_PER_BATCH, RECORD_BYTES, BATCHES);
                KinesisClient client =
                        KinesisClient.builder()
                                .endpointOverride(URI.create(endpoint.endpoint()))
                                .region(Region.US_EAST_1)
                                .credentialsProvider(
                                        StaticCredentialsProvider.create(
                                                AwsBasicCredentials.create("bench", "bench")))
                                .httpClientBuilder(ApacheHttpClient.builder())
                                .build()) {
            long start = System.nanoTime();
            String iterator =
                    client.getShardIterator(
                                    r ->
                                            r.streamARN(FakeKinesisEndpoint.STREAM_ARN)
                                                    .shardId(FakeKinesisEndpoint.SHARD_ID)
                                                    .shardIteratorType(
                                                            ShardIteratorType.TRIM_HORIZON))
                            .shardIterator();
            long records = 0;
            long bytes = 0;
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse response =
                        client.getRecords(
                                r ->
                                        r.shardIterator(current)
                                                .streamARN(FakeKinesisEndpoint.STREAM_ARN)
                                                .limit(10_000));
                for (Record r : response.records()) {
                    bytes += r.data().asByteArrayUnsafe().length;
                    records++;
                }
                iterator = response.nextShardIterator();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (records != TOTAL || bytes != TOTAL * RECORD_BYTES) {
                throw new IllegalStateException("loop read " + records + " records");
            }
            return records / seconds;
        }
    }

    /** Our source in a Flink job, chained to a counting sink. */
    private static double ourSource() throws Exception {
        COUNT.set(0);
        FIRST_NANOS.set(0);
        try (FakeKinesisEndpoint endpoint =
                new FakeKinesisEndpoint(RECORDS_PER_BATCH, RECORD_BYTES, BATCHES)) {
            KinesisSource<Integer> source =
                    KinesisSource.<Integer>builder()
                            .streamArn(FakeKinesisEndpoint.STREAM_ARN)
                            .endpoint(endpoint.endpoint())
                            .set("aws.credentials.provider", "BASIC")
                            .set("aws.credentials.provider.basic.accesskeyid", "bench")
                            .set("aws.credentials.provider.basic.secretkey", "bench")
                            .initialPosition(InitialPosition.TRIM_HORIZON)
                            .set("source.shard.get-records.min-interval", "0 ms")
                            .set("source.shard.get-records.max-bytes-per-second", "0")
                            .set("source.reader.empty-records-fetch-interval", "0 ms")
                            .deserializationSchema(new LengthSchema())
                            .build();
            Configuration conf = new Configuration();
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironment(1, conf);
            env.fromSource(source, WatermarkStrategy.noWatermarks(), "kinesis")
                    .uid("kinesis-source")
                    .sinkTo(new CountingSink())
                    .uid("count");
            JobClient job = env.executeAsync("kinesis-source-bench");
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (COUNT.get() < TOTAL) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + COUNT.get() + " records arrived");
                }
                Thread.sleep(5);
            }
            job.cancel().get();
            double seconds = (LAST_NANOS.get() - FIRST_NANOS.get()) / 1e9;
            // The first record's own batch is not inside the measured span: count it out.
            return (TOTAL - RECORDS_PER_BATCH) / seconds;
        }
    }

    /** The data length: touches every record as the loop does. */
    static final class LengthSchema implements KinesisDeserializationSchema<Integer> {
        @Override
        public void deserialize(KinesisRecord record, Collector<Integer> out) {
            out.collect(record.data().length);
        }

        @Override
        public TypeInformation<Integer> getProducedType() {
            return Types.INT;
        }
    }

    /** Counts records; notes when the first and the last arrived. */
    static final class CountingSink implements Sink<Integer> {
        @Override
        public SinkWriter<Integer> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                private long bytes;

                @Override
                public void write(Integer length, Context ctx) {
                    bytes += length;
                    long n = COUNT.incrementAndGet();
                    if (n == RECORDS_PER_BATCH) {
                        FIRST_NANOS.set(System.nanoTime());
                    }
                    if (n == TOTAL) {
                        LAST_NANOS.set(System.nanoTime());
                    }
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
