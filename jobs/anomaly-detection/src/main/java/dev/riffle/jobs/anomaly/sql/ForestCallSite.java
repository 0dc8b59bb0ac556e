package dev.riffle.jobs.anomaly.sql;

import dev.riffle.jobs.anomaly.rcf.ForestCodec;
import dev.riffle.jobs.anomaly.rcf.KdaForestParameters;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.table.api.dataview.ListView;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ProcessTableFunction;
import org.apache.flink.table.functions.TableSemantics;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.Row;

import com.amazon.randomcutforest.RandomCutForest;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * What both RCF functions share: which columns are the point, the in-memory models, and how a model
 * lives in state.
 *
 * <h2>State layout: snapshot plus log</h2>
 *
 * A PTF has no hook before a checkpoint barrier, so its state must be complete after every row.
 * Serializing a whole forest per row (a few hundred KB) would cap throughput at a few hundred rows
 * a second. Instead each partition keeps two list-view entries:
 *
 * <ul>
 *   <li>{@code snapshot}: the forest's bytes ({@link ForestCodec}), rewritten every {@code
 *       rcf.snapshot-interval} rows;
 *   <li>{@code log}: the points seen since that snapshot, one small entry appended per row (an
 *       append, no read: on RocksDB a merge, on the heap backend a list add).
 * </ul>
 *
 * The forest itself stays in memory between rows. When it is not there (after a restore, a rescale,
 * or an eviction from the bounded cache) it is rebuilt from the snapshot and the log is replayed
 * through the same steps as the live path. The forest is deterministic (fixed seed, and the codec
 * keeps the random state), so the rebuilt forest is the one that would have existed without the
 * interruption: scores after a restore equal those of an uninterrupted run, and the state Flink
 * checkpoints is always exactly the rows before the barrier.
 */
@Internal
final class ForestCallSite {
    static final String MAX_CACHED_MODELS = "rcf.max-cached-models";
    static final String SNAPSHOT_INTERVAL = "rcf.snapshot-interval";
    static final int DEFAULT_MAX_CACHED_MODELS = 1000;
    static final int DEFAULT_SNAPSHOT_INTERVAL = 1000;

    private final String functionName;
    private final int maxCachedModels;
    private final int snapshotInterval;
    private final Counter rebuilds;
    private final Counter snapshots;

    private int[] pointColumns;
    private String[] pointColumnNames;
    private int[] keyColumns;
    private KdaForestParameters parameters;
    private LruCache<List<Object>, Live> live;

    ForestCallSite(String functionName, FunctionContext context) {
        this.functionName = functionName;
        this.maxCachedModels =
                positive(
                        context.getJobParameter(
                                MAX_CACHED_MODELS, String.valueOf(DEFAULT_MAX_CACHED_MODELS)),
                        MAX_CACHED_MODELS);
        this.snapshotInterval =
                positive(
                        context.getJobParameter(
                                SNAPSHOT_INTERVAL, String.valueOf(DEFAULT_SNAPSHOT_INTERVAL)),
                        SNAPSHOT_INTERVAL);
        this.rebuilds = context.getMetricGroup().counter("rcfModelRebuilds");
        this.snapshots = context.getMetricGroup().counter("rcfModelSnapshots");
    }

    /** The in-memory side of one partition's model. */
    static final class Live {
        final RandomCutForest forest;
        int rowsSinceSnapshot;

        Live(RandomCutForest forest, int rowsSinceSnapshot) {
            this.forest = forest;
            this.rowsSinceSnapshot = rowsSinceSnapshot;
        }
    }

    /** Work out the point columns and validate parameters, once per call site. */
    void bind(ProcessTableFunction.Context ctx, KdaForestParameters params) {
        if (this.parameters != null) {
            if (!this.parameters.equals(params)) {
                throw new IllegalArgumentException(
                        functionName
                                + " parameters must be constants; they changed from "
                                + this.parameters
                                + " to "
                                + params);
            }
            return;
        }
        TableSemantics semantics = ctx.tableSemanticsFor("input");
        RowType rowType = (RowType) semantics.dataType().getLogicalType();
        keyColumns = semantics.partitionByColumns();
        List<Integer> cols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < rowType.getFieldCount(); i++) {
            final int index = i;
            boolean isKey = Arrays.stream(keyColumns).anyMatch(k -> k == index);
            if (!isKey && isNumeric(rowType.getTypeAt(i))) {
                cols.add(i);
                names.add(rowType.getFieldNames().get(i));
            }
        }
        if (cols.isEmpty()) {
            throw new IllegalArgumentException(
                    functionName
                            + " needs at least one numeric column (TINYINT, SMALLINT, INTEGER,"
                            + " BIGINT, FLOAT, DOUBLE or DECIMAL) besides the PARTITION BY columns;"
                            + " the input has "
                            + rowType);
        }
        pointColumns = cols.stream().mapToInt(Integer::intValue).toArray();
        pointColumnNames = names.toArray(new String[0]);
        live = new LruCache<>(maxCachedModels);
        parameters = params;
    }

    String[] pointColumnNames() {
        return pointColumnNames;
    }

    /** The row's point, or null if a numeric column is NULL (such rows are not scored). */
    double[] point(Row row) {
        double[] p = new double[pointColumns.length];
        for (int i = 0; i < pointColumns.length; i++) {
            Object v = row.getField(pointColumns[i]);
            if (v == null) {
                return null;
            }
            p[i] =
                    v instanceof BigDecimal
                            ? ((BigDecimal) v).doubleValue()
                            : ((Number) v).doubleValue();
        }
        return p;
    }

    /** Step function applied to the forest for a live row and, identically, for a replayed row. */
    interface Step<R> {
        R apply(RandomCutForest forest, double[] point);
    }

    /**
     * Runs one row through the partition's forest: loads or rebuilds it if needed, applies {@code
     * step}, and records the row in state.
     */
    <R> R process(
            Row row, double[] point, ListView<byte[]> snapshot, ListView<byte[]> log, Step<R> step)
            throws Exception {
        List<Object> key = key(row);
        Live model = live.get(key);
        if (model == null) {
            model = rebuild(snapshot, log, step);
            live.put(key, model);
        }
        R result = step.apply(model.forest, point);
        if (model.rowsSinceSnapshot + 1 >= snapshotInterval) {
            snapshot.clear();
            snapshot.add(ForestCodec.encode(model.forest));
            log.clear();
            model.rowsSinceSnapshot = 0;
            snapshots.inc();
        } else {
            log.add(encodePoint(point));
            model.rowsSinceSnapshot++;
        }
        return result;
    }

    private <R> Live rebuild(ListView<byte[]> snapshot, ListView<byte[]> log, Step<R> step)
            throws Exception {
        Iterator<byte[]> snap = snapshot.get().iterator();
        RandomCutForest forest =
                snap.hasNext()
                        ? ForestCodec.decodeForest(snap.next())
                        : parameters.newForest(pointColumns.length);
        int replayed = 0;
        for (byte[] entry : log.get()) {
            step.apply(forest, decodePoint(entry));
            replayed++;
        }
        if (snap.hasNext() || replayed > 0) {
            rebuilds.inc();
        }
        return new Live(forest, replayed);
    }

    private List<Object> key(Row row) {
        if (keyColumns.length == 0) {
            return List.of();
        }
        Object[] k = new Object[keyColumns.length];
        for (int i = 0; i < keyColumns.length; i++) {
            k[i] = row.getField(keyColumns[i]);
        }
        return Arrays.asList(k);
    }

    static byte[] encodePoint(double[] p) {
        ByteBuffer b = ByteBuffer.allocate(8 * p.length);
        for (double v : p) {
            b.putDouble(v);
        }
        return b.array();
    }

    static double[] decodePoint(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        double[] p = new double[bytes.length / 8];
        for (int i = 0; i < p.length; i++) {
            p[i] = b.getDouble();
        }
        return p;
    }

    private static boolean isNumeric(LogicalType t) {
        switch (t.getTypeRoot()) {
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
            case FLOAT:
            case DOUBLE:
            case DECIMAL:
                return true;
            default:
                return false;
        }
    }

    private static int positive(String value, String key) {
        try {
            int v = Integer.parseInt(value.trim());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                String.format(
                        "Invalid value '%s' for configuration %s: not a positive integer. Accepted:"
                                + " 1 to %d",
                        value, key, Integer.MAX_VALUE));
    }
}
