package dev.riffle.jobs.anomaly.sql;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQL functions called as a KDA user would call them, on a local streaming environment. */
class RandomCutForestFunctionITCase {

    private StreamExecutionEnvironment env;
    private StreamTableEnvironment tEnv;

    @BeforeEach
    void setUp() {
        env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        tEnv = StreamTableEnvironment.create(env);
        tEnv.executeSql(
                "CREATE FUNCTION RANDOM_CUT_FOREST AS '"
                        + RandomCutForestFunction.class.getName()
                        + "'");
        tEnv.executeSql(
                "CREATE FUNCTION RANDOM_CUT_FOREST_WITH_EXPLANATION AS '"
                        + RandomCutForestWithExplanationFunction.class.getName()
                        + "'");
    }

    /**
     * Rows (seq STRING, device STRING, reading DOUBLE): two devices, one outlier each at the end.
     */
    private void registerReadings(int perDevice) {
        List<Row> rows = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < perDevice; i++) {
            for (String device : List.of("a", "b")) {
                double base = device.equals("a") ? 10 : 1000;
                double v = i == perDevice - 1 ? base * 5 : base + random.nextGaussian();
                rows.add(Row.of(device + "-" + i, device, v));
            }
        }
        RowTypeInfo type =
                new RowTypeInfo(
                        new TypeInformation<?>[] {Types.STRING, Types.STRING, Types.DOUBLE},
                        new String[] {"seq", "device", "reading"});
        tEnv.createTemporaryView("readings", tEnv.fromDataStream(env.fromData(rows, type)));
    }

    private List<Row> collect(String sql) throws Exception {
        List<Row> out = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(sql).collect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void partitionByGivesOneModelPerKeyWithKdaWarmUpAndPassesColumnsThrough() throws Exception {
        registerReadings(120);
        Table result =
                tEnv.sqlQuery(
                        "SELECT * FROM RANDOM_CUT_FOREST(TABLE readings PARTITION BY device, 20,"
                                + " 64, 10000, 1)");
        assertThat(result.getResolvedSchema().getColumnNames())
                .containsExactly("seq", "device", "reading", "ANOMALY_SCORE");

        List<Row> rows = collect("SELECT * FROM " + result);

        assertThat(rows).hasSize(240);
        for (String device : List.of("a", "b")) {
            List<Row> mine =
                    rows.stream().filter(r -> device.equals(r.getField("device"))).toList();
            // KDA's warm-up: 0 until subSampleSize (64) rows of this partition were seen.
            assertThat(mine.subList(0, 64))
                    .allMatch(r -> (double) r.getField("ANOMALY_SCORE") == 0);
            assertThat(mine.subList(64, 119))
                    .allMatch(r -> (double) r.getField("ANOMALY_SCORE") > 0);
            // Device b's readings are ~100x device a's: with one model per key neither dominates,
            // and each key's own outlier is its highest score.
            Row top =
                    mine.stream()
                            .max(
                                    (x, y) ->
                                            Double.compare(
                                                    (double) x.getField("ANOMALY_SCORE"),
                                                    (double) y.getField("ANOMALY_SCORE")))
                            .orElseThrow();
            assertThat(top.getField("seq")).isEqualTo(device + "-119");
        }
    }

    @Test
    void withoutPartitionByOneModelSeesEveryRow() throws Exception {
        registerReadings(120);

        List<Row> rows =
                collect("SELECT * FROM RANDOM_CUT_FOREST(TABLE readings, 20, 64, 10000, 1)");

        assertThat(rows).hasSize(240);
        // One model: the first 64 rows overall (32 of each device) are the warm-up.
        assertThat(rows.subList(0, 64)).allMatch(r -> (double) r.getField("ANOMALY_SCORE") == 0);
        assertThat(rows.get(0).getArity()).isEqualTo(4);
    }

    @Test
    void explanationIsKdaShapedJsonPerNumericColumn() throws Exception {
        registerReadings(100);

        List<Row> rows =
                collect(
                        "SELECT seq, ANOMALY_SCORE, ANOMALY_EXPLANATION FROM"
                                + " RANDOM_CUT_FOREST_WITH_EXPLANATION(TABLE readings PARTITION BY"
                                + " device, 20, 64, 10000, 1, true)");

        Row outlier =
                rows.stream()
                        .filter(r -> "a-99".equals(r.getField("seq")))
                        .findFirst()
                        .orElseThrow();
        String json = (String) outlier.getField("ANOMALY_EXPLANATION");
        assertThat(json)
                .matches(
                        "\\{\"reading\":\\{\"DIRECTION\":\"HIGH\",\"STRENGTH\":\"[0-9.]+\",\"ATTRIBUTION_SCORE\":\"[0-9.]+\"}}");
        double attribution =
                Double.parseDouble(
                        json.replaceAll(".*\"ATTRIBUTION_SCORE\":\"([0-9.]+)\".*", "$1"));
        assertThat(attribution)
                .isCloseTo(
                        (double) outlier.getField("ANOMALY_SCORE"),
                        org.assertj.core.data.Offset.offset(1e-3));
        Row warmUp =
                rows.stream()
                        .filter(r -> "b-0".equals(r.getField("seq")))
                        .findFirst()
                        .orElseThrow();
        assertThat(warmUp.getField("ANOMALY_EXPLANATION"))
                .isEqualTo(
                        "{\"reading\":{\"DIRECTION\":\"HIGH\",\"STRENGTH\":\"0.0000\",\"ATTRIBUTION_SCORE\":\"0.0000\"}}");
    }

    @Test
    void parametersOutOfKdaRangesFailWithEveryProblemNamed() {
        registerReadings(5);

        assertThatThrownBy(
                        () ->
                                collect(
                                        "SELECT * FROM RANDOM_CUT_FOREST(TABLE readings, 0, 256,"
                                                + " 100000, 31)"))
                .hasStackTraceContaining(
                        "Invalid value 0 for argument numberOfTrees: out of range. Accepted: 1 to"
                                + " 1000; Invalid value 31 for argument shingleSize: out of range."
                                + " Accepted: 1 to 30");
    }
}
