package dev.riffle.bench;

import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.common.event.Event;
import dev.riffle.common.event.RawRecord;
import dev.riffle.jobs.ingestion.IngestionPipeline;
import dev.riffle.jobs.ingestion.config.IngestionConfig;
import dev.riffle.jobs.ingestion.config.IngestionOptions;
import dev.riffle.jobs.ingestion.process.ProcessResult;
import dev.riffle.jobs.ingestion.process.RecordProcessor;
import dev.riffle.testdata.GeneratedRecord;
import dev.riffle.testdata.GeneratorConfig;
import dev.riffle.testdata.TrafficGenerator;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ingestion job's processing (parse, validate, normalize, filter, enrich, dedupe) as a Flink
 * job at parallelism 1 fed from memory, against the same steps ({@link RecordProcessor} plus a
 * HashMap for dedupe) in a plain Java loop over the same records.
 *
 * <p>Both sides are measured in records per CPU-second of the whole process ({@code
 * records_per_s}): Flink runs the steps before and after the key exchange in two threads even at
 * parallelism 1, and this machine is shared, so CPU time is what "one core" means here. The Flink
 * side is timed from its first record to the job's end (its local cluster's start-up is left out).
 * Wall-clock rates are printed after the ratio. Each side runs a warm-up and then three times,
 * alternating; the best run counts.
 */
public final class IngestionBenchmark implements Benchmark {
    private static final int RECORDS = 200_000;
    private static final int WARMUP_RECORDS = 50_000;

    /** The records, shared with the Flink job in this JVM (a local MiniCluster). */
    static RawRecord[] input;

    /** Process CPU and wall clock when the job read its first record (-1: not yet). */
    static volatile long firstRecordCpu = -1;

    static volatile long firstRecordWall = -1;

    @Override
    public String name() {
        return "ingestion";
    }

    @Override
    public BenchResult run() throws Exception {
        input = records(RECORDS);
        IngestionConfig config = config();
        double[] flinkBest = {0, 0};
        double[] loopBest = {0, 0};
        System.err.println("warm-up");
        flink(config, WARMUP_RECORDS);
        loop(config, WARMUP_RECORDS);
        for (int round = 0; round < 3; round++) {
            double[] f = flink(config, RECORDS);
            double[] l = loop(config, RECORDS);
            System.err.printf(
                    "round %d: flink %.0f rec/cpu-s (%.0f rec/s), loop %.0f rec/cpu-s (%.0f"
                            + " rec/s)%n",
                    round, f[0], f[1], l[0], l[1]);
            flinkBest = f[0] > flinkBest[0] ? f : flinkBest;
            loopBest = l[0] > loopBest[0] ? l : loopBest;
        }
        return BenchResult.compared(name(), "records_per_s", flinkBest[0], loopBest[0])
                .with("wall_records_per_s", flinkBest[1])
                .with("wall_baseline", loopBest[1]);
    }

    static IngestionConfig config() {
        Path root = Path.of(System.getProperty("riffle.repo.root", "."));
        Path db =
                root.resolve(
                        "node_modules/@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb");
        if (!Files.isRegularFile(db)) {
            throw new IllegalStateException("Missing " + db + ": run `npm ci` first");
        }
        Configuration c = new Configuration();
        c.set(IngestionOptions.TEST_ACCOUNT_PREFIXES, List.of(GeneratorConfig.TEST_ACCOUNT_PREFIX));
        c.set(IngestionOptions.INTERNAL_CIDRS, List.of(GeneratorConfig.INTERNAL_CIDR));
        c.set(IngestionOptions.GEO_DATABASE, db.toAbsolutePath().toString());
        c.set(IngestionOptions.DEDUPE_WINDOW, Duration.ofHours(1));
        return IngestionConfig.from(c);
    }

    static RawRecord[] records(int n) {
        RawRecord[] out = new RawRecord[n];
        TrafficGenerator g =
                new TrafficGenerator(
                        GeneratorConfig.builder()
                                .seed(1)
                                .maxRecords(n)
                                .duration(Duration.ofDays(1))
                                .build());
        int i = 0;
        while (g.hasNext()) {
            GeneratedRecord r = g.next();
            out[i] =
                    new RawRecord(
                            r.data(),
                            "raw-events",
                            "shardId-000000000000",
                            Integer.toString(i),
                            r.partitionKey(),
                            r.eventTime().toEpochMilli() + 1000);
            i++;
        }
        return out;
    }

    /** Returns {records per CPU-second, records per wall second}. */
    private static double[] flink(IngestionConfig config, int n) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.OBJECT_REUSE, true); // as IngestionJob runs
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        firstRecordCpu = -1;
        DataStream<RawRecord> source =
                env.fromSequence(0, n - 1)
                        .map(
                                i -> {
                                    if (i == 0) {
                                        firstRecordCpu = cpuNanos();
                                        firstRecordWall = System.nanoTime();
                                    }
                                    return input[(int) (long) i];
                                })
                        .name("in-memory records");
        IngestionPipeline.Outputs out = IngestionPipeline.build(source, config);
        out.events.sinkTo(new DiscardingSink<Event>());
        out.deadLetters.sinkTo(new DiscardingSink<DeadLetter>());
        env.execute("ingestion-benchmark");
        // From the first record on: the cluster's start and the job's deployment are not the
        // pipeline's cost (the loop's side has none either).
        return rates(n, cpuNanos() - firstRecordCpu, System.nanoTime() - firstRecordWall);
    }

    private static double[] loop(IngestionConfig config, int n) throws Exception {
        long cpu = cpuNanos();
        long wall = System.nanoTime();
        long accepted = 0;
        long deadLetters = 0;
        try (RecordProcessor processor = RecordProcessor.open(config)) {
            Map<String, Map<String, Long>> seen = new HashMap<>();
            for (int i = 0; i < n; i++) {
                RawRecord r = input[i];
                ProcessResult result = processor.process(r);
                if (result.kind == ProcessResult.Kind.ACCEPTED) {
                    Event e = result.event;
                    Map<String, Long> ids =
                            seen.computeIfAbsent(e.partitionKey(), k -> new HashMap<>());
                    if (ids.putIfAbsent(e.eventId, r.arrivalTimeMillis) == null) {
                        accepted++;
                    }
                } else if (result.kind == ProcessResult.Kind.REJECTED) {
                    DeadLetter.of(r, result.error, result.message, "bench", Instant.now(), 262144);
                    deadLetters++;
                }
            }
        }
        if (accepted + deadLetters == 0) {
            throw new IllegalStateException("the loop did nothing");
        }
        return rates(n, cpuNanos() - cpu, System.nanoTime() - wall);
    }

    private static double[] rates(int n, long cpuNanos, long wallNanos) {
        return new double[] {n / (cpuNanos / 1e9), n / (wallNanos / 1e9)};
    }

    private static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
