package dev.riffle.bench.parquet;

import dev.riffle.bench.BenchResult;
import dev.riffle.bench.Benchmark;
import dev.riffle.jobs.parquet.ParquetDeliveryJob;
import dev.riffle.jobs.parquet.ParquetDeliveryPipeline;
import dev.riffle.jobs.parquet.config.DeliverySettings;
import dev.riffle.jobs.parquet.convert.JsonRowConverter;
import dev.riffle.jobs.parquet.convert.RowSchemas;
import dev.riffle.jobs.parquet.record.DeliveryRecord;
import dev.riffle.jobs.parquet.sink.LakeRowParquetBuilder;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Parquet delivery job ({@link ParquetDeliveryPipeline}: JSON conversion and the FileSink with
 * the job's Parquet writer) at parallelism 1 on a local Flink, fed prepared JSON records from
 * memory into a temporary folder, against parquet-java writing the same rows directly: the same
 * JSON parsed by the same {@link JsonRowConverter} and written by an {@code AvroParquetWriter} with
 * the same schema, SNAPPY and row-group/page sizes into one file.
 *
 * <p>The job is timed from its first record to the end of the job, which includes the final
 * checkpoint that commits the files (bulk formats commit only on checkpoints); the local cluster's
 * start-up is left out. Rows are counted from the committed files' footers on both sides. A warm-up
 * run of each side, then three rounds alternating the sides; the median counts. Also printed: bytes
 * per row of the committed files for both sides.
 *
 * <p>The job's environment is set up as {@link ParquetDeliveryJob#configure} sets the real job's
 * (object reuse). Each round also prints, to stderr, the CPU time of the thread doing the work on
 * each side (the job's task thread from its first to its last record; the baseline's loop): on a
 * shared machine the wall-clock rates swing with the load, the CPU times much less.
 */
public final class ParquetDeliveryBenchmark implements Benchmark {
    private static final int ROWS = 500_000;
    private static final int WARMUP_ROWS = 100_000;
    private static final String COLUMNS =
            "eventId STRING NOT NULL, type STRING, occurredAt TIMESTAMP(3), userId STRING,"
                    + " amount DECIMAL(12, 2), country STRING, device ROW<os STRING, version INT>";
    private static final Instant START = Instant.parse("2026-03-01T22:00:00Z");
    private static final String[] TYPES = {"click", "checkout", "transaction", "telemetry"};
    private static final String[] COUNTRIES = {"DE", "US", "FR", "JP", "BR", "IN", "GB"};
    private static final String[] OS = {"android", "ios", "web"};

    /**
     * Checkpoints every second: the job cuts a new file (with new dictionaries) each second, so it
     * writes several files per round where parquet-java writes one.
     */
    private static final Duration CHECKPOINTS = Duration.ofSeconds(1);

    /**
     * Also measured: the local cluster's interval (flink-conf/config.yaml). A round's rows fit in
     * one interval, so the job writes one or two files (the first checkpoint comes at a random
     * point of the first interval), about what a running job writes per interval.
     */
    private static final Duration SLOW_CHECKPOINTS = Duration.ofSeconds(10);

    /** The records, shared with the Flink job in this JVM (a local MiniCluster). */
    static DeliveryRecord[] input;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static volatile long firstRecordWall = -1;

    static volatile long lastRecordWall = -1;

    static volatile long firstRecordCpu = -1;

    static volatile long lastRecordCpu = -1;

    @Override
    public String name() {
        return "parquet-delivery";
    }

    @Override
    public BenchResult run() throws Exception {
        input = records(ROWS);
        Schema schema = RowSchemas.fromColumns(COLUMNS, "Event");
        Path tmp = Files.createTempDirectory("riffle-bench-parquet");
        try {
            System.err.println("warm-up");
            flink(schema, tmp.resolve("warm-job"), WARMUP_ROWS, CHECKPOINTS);
            flink(schema, tmp.resolve("warm-job-10s"), WARMUP_ROWS, SLOW_CHECKPOINTS);
            parquetJava(schema, tmp.resolve("warm-loop"), WARMUP_ROWS);
            List<double[]> ours = new ArrayList<>();
            List<double[]> slow = new ArrayList<>();
            List<double[]> baseline = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                double[] f = flink(schema, tmp.resolve("job-" + round), ROWS, CHECKPOINTS);
                double[] f10 =
                        flink(schema, tmp.resolve("job-10s-" + round), ROWS, SLOW_CHECKPOINTS);
                double[] p = parquetJava(schema, tmp.resolve("loop-" + round), ROWS);
                System.err.printf(
                        "round %d: parquet-java %.0f rows/s (%.1f B/row, CPU %.0f ms)%n",
                        round, p[0], p[1], p[3]);
                report("job, " + CHECKPOINTS.toSeconds() + " s checkpoints", f);
                report("job, " + SLOW_CHECKPOINTS.toSeconds() + " s checkpoints", f10);
                ours.add(f);
                slow.add(f10);
                baseline.add(p);
            }
            double[] f = median(ours);
            double[] f10 = median(slow);
            double[] p = median(baseline);
            return BenchResult.compared(name(), "rows_per_s", f[0], p[0])
                    .with("bytes_per_row", f[1])
                    .with("baseline_bytes_per_row", p[1])
                    .with("files", f[2])
                    .with("rows_per_s_10s_checkpoints", f10[0])
                    .with("ratio_10s_checkpoints", f10[0] / p[0])
                    .with("files_10s_checkpoints", f10[2]);
        } finally {
            deleteTree(tmp);
        }
    }

    private static void report(String side, double[] f) {
        System.err.printf(
                "         %s: %.0f rows/s (%.1f B/row, %.0f files, task thread CPU %.0f ms,"
                        + " %.0f ms from the last record to the end)%n",
                side, f[0], f[1], f[2], f[3], f[4]);
    }

    /** Deterministic JSON events, the same bytes for both sides. */
    static DeliveryRecord[] records(int n) {
        DeliveryRecord[] out = new DeliveryRecord[n];
        for (int i = 0; i < n; i++) {
            String json =
                    "{\"eventId\":\"e-"
                            + i
                            + "\",\"type\":\""
                            + TYPES[i % TYPES.length]
                            + "\",\"occurredAt\":\""
                            + START.plusMillis(i * 7L)
                            + "\",\"userId\":\"u-"
                            + (i * 31 % 9973)
                            + "\",\"amount\":"
                            + (i * 37 % 100_000) / 100.0
                            + ",\"country\":\""
                            + COUNTRIES[i % COUNTRIES.length]
                            + "\",\"device\":{\"os\":\""
                            + OS[i % OS.length]
                            + "\",\"version\":"
                            + (i % 14)
                            + "}}";
            // One arrival hour: the default prefix puts every row in one folder (one open file).
            out[i] =
                    new DeliveryRecord(
                            json.getBytes(StandardCharsets.UTF_8),
                            "bench-stream",
                            "shardId-000000000000",
                            Integer.toString(i),
                            DeliveryRecord.NOT_AGGREGATED,
                            "u-" + (i % 9973),
                            START.toEpochMilli());
        }
        return out;
    }

    /**
     * Returns {rows per second, bytes per row, files, task thread CPU milliseconds to the last
     * record, milliseconds from the last record to the end}.
     */
    private static double[] flink(Schema schema, Path lake, int n, Duration checkpoints)
            throws Exception {
        DeliverySettings settings =
                DeliverySettings.builder(lake.toUri().toString(), schema).build();
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        // Bulk formats commit on checkpoints; at the end of the input the sink commits what is
        // left without waiting for one.
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpoints);
        conf.set(CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH, true);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        ParquetDeliveryJob.configure(env);
        env.setParallelism(1);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        firstRecordWall = -1;
        DataStream<DeliveryRecord> source =
                env.fromSequence(0, n - 1)
                        .map(
                                i -> {
                                    if (i == 0) {
                                        firstRecordWall = System.nanoTime();
                                        firstRecordCpu = THREADS.getCurrentThreadCpuTime();
                                    }
                                    if (i == n - 1) {
                                        lastRecordWall = System.nanoTime();
                                        lastRecordCpu = THREADS.getCurrentThreadCpuTime();
                                    }
                                    return input[(int) (long) i];
                                })
                        .name("in-memory records");
        ParquetDeliveryPipeline.build(source, settings);
        env.execute("parquet-delivery-benchmark");
        long end = System.nanoTime();
        double[] m = measured(committedFiles(lake), n, end - firstRecordWall);
        return new double[] {
            m[0], m[1], m[2], (lastRecordCpu - firstRecordCpu) / 1e6, (end - lastRecordWall) / 1e6
        };
    }

    /** Returns {rows per second, bytes per row, files, CPU milliseconds}. */
    private static double[] parquetJava(Schema schema, Path dir, int n) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("rows.parquet");
        long wall = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        JsonMapper mapper = JsonMapper.builder().build();
        JsonRowConverter converter =
                new JsonRowConverter(
                        schema, DeliverySettings.builder("file:///unused", schema).build().json());
        try (ParquetWriter<GenericRecord> writer =
                LakeRowParquetBuilder.plainAvroWriter(
                        new LocalOutputFile(file),
                        schema,
                        DeliverySettings.builder("file:///unused", schema).build().parquet())) {
            for (int i = 0; i < n; i++) {
                JsonNode root = mapper.readTree(input[i].data);
                writer.write(converter.convert(root));
            }
        }
        long elapsed = System.nanoTime() - wall;
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        double[] m = measured(List.of(file), n, elapsed);
        return new double[] {m[0], m[1], m[2], cpu / 1e6};
    }

    private static double[] measured(List<Path> files, int n, long wallNanos) throws IOException {
        long rows = 0;
        long bytes = 0;
        for (Path f : files) {
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(f))) {
                for (BlockMetaData block : reader.getFooter().getBlocks()) {
                    rows += block.getRowCount();
                }
            }
            bytes += Files.size(f);
        }
        if (rows != n) {
            throw new IllegalStateException(
                    "expected " + n + " rows in " + files + ", the footers count " + rows);
        }
        return new double[] {n / (wallNanos / 1e9), (double) bytes / rows, files.size()};
    }

    /** Committed Parquet files: in-progress and pending files are hidden (start with a dot). */
    private static List<Path> committedFiles(Path lake) throws IOException {
        try (Stream<Path> files = Files.walk(lake)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .toList();
        }
    }

    private static double[] median(List<double[]> runs) {
        double[][] sorted = runs.toArray(new double[0][]);
        Arrays.sort(sorted, Comparator.comparingDouble(r -> r[0]));
        return sorted[sorted.length / 2];
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
