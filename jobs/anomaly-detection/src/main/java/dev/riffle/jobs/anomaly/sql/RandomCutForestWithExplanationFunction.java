package dev.riffle.jobs.anomaly.sql;

import dev.riffle.jobs.anomaly.rcf.KdaForestParameters;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.ArgumentTrait;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.annotation.StateHint;
import org.apache.flink.table.api.dataview.ListView;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ProcessTableFunction;
import org.apache.flink.types.Row;

/**
 * {@code RANDOM_CUT_FOREST_WITH_EXPLANATION} as a Flink process table function, compatible with
 * Kinesis Data Analytics for SQL: {@code ANOMALY_SCORE} plus {@code ANOMALY_EXPLANATION}, a
 * KDA-shaped JSON object (see {@link KdaExplanation}).
 *
 * <pre>{@code
 * CREATE FUNCTION RANDOM_CUT_FOREST_WITH_EXPLANATION
 *   AS 'dev.riffle.jobs.anomaly.sql.RandomCutForestWithExplanationFunction';
 * SELECT * FROM RANDOM_CUT_FOREST_WITH_EXPLANATION(
 *   TABLE readings PARTITION BY device_id, 100, 256, 100000, 1, true);
 * }</pre>
 *
 * Parameters, columns, warm-up and state as in {@link RandomCutForestFunction}.
 */
@PublicEvolving
@FunctionHint(output = @DataTypeHint("ROW<ANOMALY_SCORE DOUBLE, ANOMALY_EXPLANATION STRING>"))
public class RandomCutForestWithExplanationFunction extends ProcessTableFunction<Row> {
    private static final long serialVersionUID = 1L;

    private transient ForestCallSite site;

    @Override
    public void open(FunctionContext context) throws Exception {
        site = new ForestCallSite("RANDOM_CUT_FOREST_WITH_EXPLANATION", context);
    }

    public void eval(
            Context ctx,
            @StateHint(name = "snapshot") ListView<byte[]> snapshot,
            @StateHint(name = "log") ListView<byte[]> log,
            @ArgumentHint(
                            value = {
                                ArgumentTrait.SET_SEMANTIC_TABLE,
                                ArgumentTrait.OPTIONAL_PARTITION_BY,
                                ArgumentTrait.PASS_COLUMNS_THROUGH
                            },
                            name = "input")
                    Row input,
            @ArgumentHint(name = "numberOfTrees", isOptional = true) Integer numberOfTrees,
            @ArgumentHint(name = "subSampleSize", isOptional = true) Integer subSampleSize,
            @ArgumentHint(name = "timeDecay", isOptional = true) Integer timeDecay,
            @ArgumentHint(name = "shingleSize", isOptional = true) Integer shingleSize,
            @ArgumentHint(name = "withDirectionality", isOptional = true)
                    Boolean withDirectionality)
            throws Exception {
        KdaForestParameters params =
                KdaForestParameters.of(
                        numberOfTrees, subSampleSize, timeDecay, shingleSize, withDirectionality);
        site.bind(ctx, params);
        double[] point = site.point(input);
        if (point == null) {
            collect(Row.of(null, null));
            return;
        }
        ForestSteps.Explained result =
                site.process(input, point, snapshot, log, ForestSteps::explain);
        collect(
                Row.of(
                        result.score,
                        KdaExplanation.json(
                                site.pointColumnNames(),
                                result.attribution,
                                params.withDirectionality())));
    }
}
