package dev.riffle.bench;

import dev.riffle.jobs.anomaly.detector.AnomalyDetectors;
import dev.riffle.jobs.anomaly.detector.DetectorSettings;
import dev.riffle.jobs.anomaly.detector.SeriesPoint;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import com.amazon.randomcutforest.config.ForestMode;
import com.amazon.randomcutforest.config.Precision;
import com.amazon.randomcutforest.config.TransformMethod;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code rcf-keyed}: the DataStream detector (one model per key, 1000 keys, default settings,
 * checkpoints every 5 s on the heap backend) against a plain loop over the library's thresholded
 * forests, one per key, on the same points. Both on one subtask / thread.
 */
public final class RcfKeyedBenchmark implements Benchmark {
    private static final int KEYS = 1000;

    /**
     * Points per key; 300 fills each model's sample (256). Override: -Dbench.rcf.points-per-key.
     */
    private static final int POINTS_PER_KEY = Integer.getInteger("bench.rcf.points-per-key", 300);

    private static final long RECORDS = (long) KEYS * POINTS_PER_KEY;

    @Override
    public String name() {
        return "rcf-keyed";
    }

    /** Point i: key i % KEYS, a sine per key plus noise, a function of i only. */
    static SeriesPoint point(long i) {
        int key = (int) (i % KEYS);
        long step = i / KEYS;
        double noise = new SplittableRandom(i).nextGaussian();
        double v = 100 + key % 17 + 10 * Math.sin(step / 20.0 + key) + noise;
        return new SeriesPoint("series-" + key, step * 60_000L, v);
    }

    @Override
    public BenchResult run() throws Exception {
        // Warm both paths up (JIT) on a tenth of the data, then measure each once.
        libraryLoop(RECORDS / 10);
        job(RECORDS / 10);
        double baseline = libraryLoop(RECORDS);
        System.err.printf("rcf-keyed: library loop %.0f records/s%n", baseline);
        double ours = job(RECORDS);
        System.err.printf("rcf-keyed: job %.0f records/s%n", ours);
        return BenchResult.compared(name(), "records_per_s", ours, baseline)
                .with("keys", KEYS)
                .with("points_per_key", POINTS_PER_KEY);
    }

    private static double job(long records) throws Exception {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        // Checkpoints go to files: 1000 models' logs outgrow the JobManager's 5 MB in-memory limit.
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                Files.createTempDirectory("bench-rcf-keyed").toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.enableCheckpointing(5000);
        GeneratorFunction<Long, SeriesPoint> gen = RcfKeyedBenchmark::point;
        AnomalyDetectors.score(
                        env.fromSource(
                                new DataGeneratorSource<>(
                                        gen, records, TypeInformation.of(SeriesPoint.class)),
                                WatermarkStrategy.noWatermarks(),
                                "points"),
                        DetectorSettings.defaults())
                .sinkTo(new DiscardingSink<>());
        long start = System.nanoTime();
        env.execute("bench-rcf-keyed");
        return records / ((System.nanoTime() - start) / 1e9);
    }

    private static double libraryLoop(long records) {
        DetectorSettings s = DetectorSettings.defaults();
        Map<String, ThresholdedRandomCutForest> forests = new HashMap<>();
        long start = System.nanoTime();
        for (long i = 0; i < records; i++) {
            SeriesPoint p = point(i);
            ThresholdedRandomCutForest f =
                    forests.computeIfAbsent(
                            p.key,
                            k ->
                                    ThresholdedRandomCutForest.builder()
                                            .dimensions(s.shingleSize())
                                            .shingleSize(s.shingleSize())
                                            .internalShinglingEnabled(true)
                                            .numberOfTrees(s.numberOfTrees())
                                            .sampleSize(s.sampleSize())
                                            .timeDecay(s.timeDecay())
                                            .anomalyRate(s.anomalyRate())
                                            .forestMode(ForestMode.STANDARD)
                                            .transformMethod(TransformMethod.NONE)
                                            .precision(Precision.FLOAT_32)
                                            .randomSeed(DetectorSettings.RANDOM_SEED)
                                            .parallelExecutionEnabled(false)
                                            .build());
            f.process(new double[] {p.value}, p.timestamp);
        }
        return records / ((System.nanoTime() - start) / 1e9);
    }
}
