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
 * {@code RANDOM_CUT_FOREST} as a Flink process table function, compatible with Kinesis Data
 * Analytics for SQL.
 *
 * <pre>{@code
 * CREATE FUNCTION RANDOM_CUT_FOREST AS 'dev.riffle.jobs.anomaly.sql.RandomCutForestFunction';
 * SELECT * FROM RANDOM_CUT_FOREST(TABLE readings);                        -- one model, KDA defaults
 * SELECT * FROM RANDOM_CUT_FOREST(TABLE readings PARTITION BY device_id,  -- one model per device
 *                                 100, 256, 100000, 1);
 * }</pre>
 *
 * Every numeric column except the {@code PARTITION BY} columns is one dimension of the point. The
 * output is every input column plus {@code ANOMALY_SCORE} (0 until {@code subSampleSize} rows have
 * been seen for the partition, as in KDA; NULL for a row with a NULL numeric column, which does not
 * update the model). See {@link KdaForestParameters} for the parameters and ranges, and {@link
 * ForestCallSite} for how models are kept in memory and in state.
 */
@PublicEvolving
@FunctionHint(output = @DataTypeHint("ROW<ANOMALY_SCORE DOUBLE>"))
public class RandomCutForestFunction extends ProcessTableFunction<Row> {
    private static final long serialVersionUID = 1L;

    private transient ForestCallSite site;

    @Override
    public void open(FunctionContext context) throws Exception {
        site = new ForestCallSite("RANDOM_CUT_FOREST", context);
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
            @ArgumentHint(name = "shingleSize", isOptional = true) Integer shingleSize)
            throws Exception {
        site.bind(
                ctx,
                KdaForestParameters.of(
                        numberOfTrees, subSampleSize, timeDecay, shingleSize, false));
        double[] point = site.point(input);
        if (point == null) {
            collect(Row.of((Double) null));
            return;
        }
        double score = site.process(input, point, snapshot, log, ForestSteps::score);
        collect(Row.of(score));
    }
}
