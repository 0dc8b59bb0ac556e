package dev.riffle.jobs.anomaly.sql;

import dev.riffle.jobs.anomaly.testing.FailOnceAfterCheckpoint;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job that fails mid-stream and restores the PTF's state from a checkpoint gives the same scores,
 * row for row, as an uninterrupted run: the snapshot + log state is exactly-once.
 */
class RandomCutForestRestoreITCase {
    private static final int ROWS = 2400;

    @ParameterizedTest(name = "state backend {0}")
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void scoresAfterARestoreEqualAnUninterruptedRun(String backend) throws Exception {
        Map<String, Double> uninterrupted = run(backend, false);
        FailOnceAfterCheckpoint.reset();
        Map<String, Double> restored = run(backend, true);

        assertThat(FailOnceAfterCheckpoint.failed()).as("the injected failure happened").isTrue();
        assertThat(uninterrupted).hasSize(ROWS);
        assertThat(restored).isEqualTo(uninterrupted);
        assertThat(uninterrupted.values().stream().filter(s -> s > 0)).isNotEmpty();
    }

    private static Map<String, Double> run(String backend, boolean failOnce) throws Exception {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(10));
        conf.setString("pipeline.global-job-parameters", "rcf.snapshot-interval:100");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(2);
        env.enableCheckpointing(100);

        RowTypeInfo type =
                new RowTypeInfo(
                        new TypeInformation<?>[] {Types.STRING, Types.STRING, Types.DOUBLE},
                        new String[] {"seq", "device", "reading"});
        DataGeneratorSource<Row> source =
                new DataGeneratorSource<>(
                        readings(), ROWS, RateLimiterStrategy.perCheckpoint(200), type);
        DataStream<Row> rows =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "readings")
                        .setParallelism(1);
        if (failOnce) {
            rows =
                    rows.map(new FailOnceAfterCheckpoint<>(ROWS / 2))
                            .returns(type)
                            .setParallelism(1);
        }
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        tEnv.createTemporaryView("readings", tEnv.fromDataStream(rows));
        tEnv.createTemporarySystemFunction("RANDOM_CUT_FOREST", RandomCutForestFunction.class);

        Map<String, Double> scores = new HashMap<>();
        try (CloseableIterator<Row> it =
                tEnv.executeSql(
                                "SELECT seq, ANOMALY_SCORE FROM RANDOM_CUT_FOREST("
                                        + "TABLE readings PARTITION BY device, 20, 64, 5000, 4)")
                        .collect()) {
            it.forEachRemaining(
                    r -> {
                        Double previous =
                                scores.put((String) r.getField(0), (Double) r.getField(1));
                        assertThat(previous).as("row %s emitted once", r.getField(0)).isNull();
                    });
        }
        return scores;
    }

    /**
     * Three devices, a daily-like sine with noise, an occasional spike; a function of the index.
     */
    private static GeneratorFunction<Long, Row> readings() {
        return i -> {
            Random noise = new Random(i);
            double v = 10 * Math.sin(i / 30.0) + noise.nextGaussian() + (i % 700 == 699 ? 40 : 0);
            return Row.of("r-" + i, "d" + (i % 3), v);
        };
    }
}
