package dev.riffle.jobs.anomaly.detector;

import dev.riffle.jobs.anomaly.testing.FailOnceAfterCheckpoint;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DataStream detector at parallelism 2 on RocksDB: a job that fails mid-stream and restores its
 * models from a checkpoint emits exactly the scored points of an uninterrupted run, with models
 * evicted and reloaded on the way (cap of 2 live models per subtask, 6 series).
 */
class DetectorRestoreITCase {
    private static final List<SeriesPoint> POINTS = TestSeries.interleaved(6, 400);

    @Test
    void scoresAfterAFailureAreIdenticalToAnUninterruptedRun() throws Exception {
        Map<String, ScoredPoint> uninterrupted = run(false);
        FailOnceAfterCheckpoint.reset();
        Map<String, ScoredPoint> restored = run(true);

        assertThat(FailOnceAfterCheckpoint.failed()).as("the injected failure happened").isTrue();
        assertThat(uninterrupted).hasSize(POINTS.size());
        assertThat(restored).isEqualTo(uninterrupted);
        assertThat(uninterrupted.values()).anyMatch(p -> p.grade > 0);
    }

    private static Map<String, ScoredPoint> run(boolean failOnce) throws Exception {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(10));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(100);

        GeneratorFunction<Long, SeriesPoint> byIndex = i -> POINTS.get(i.intValue());
        DataStream<SeriesPoint> points =
                env.fromSource(
                                new DataGeneratorSource<>(
                                        byIndex,
                                        POINTS.size(),
                                        RateLimiterStrategy.perCheckpoint(200),
                                        TypeInformation.of(SeriesPoint.class)),
                                WatermarkStrategy.noWatermarks(),
                                "points")
                        .setParallelism(1);
        if (failOnce) {
            points =
                    points.map(new FailOnceAfterCheckpoint<>(POINTS.size() / 2))
                            .returns(SeriesPoint.class)
                            .setParallelism(1);
        }
        DetectorSettings settings =
                DetectorSettings.builder()
                        .numberOfTrees(20)
                        .sampleSize(64)
                        .shingleSize(4)
                        .peakWindow(50)
                        .snapshotInterval(50)
                        .maxLiveModels(2)
                        .modelTtl(Duration.ZERO)
                        .build();
        Map<String, ScoredPoint> scored = new HashMap<>();
        try (CloseableIterator<ScoredPoint> it =
                AnomalyDetectors.score(points, settings).executeAndCollect()) {
            it.forEachRemaining(
                    p -> {
                        ScoredPoint previous = scored.put(p.key + "@" + p.timestamp, p);
                        assertThat(previous).as("%s emitted once", p).isNull();
                    });
        }
        return scored;
    }
}
