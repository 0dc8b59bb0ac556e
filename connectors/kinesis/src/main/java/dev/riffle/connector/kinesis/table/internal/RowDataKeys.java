package dev.riffle.connector.kinesis.table.internal;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;

import java.io.Serializable;
import java.util.List;

/** How a table row finds its partition key and explicit hash key. */
@Internal
public final class RowDataKeys {

    private RowDataKeys() {}

    /** A key of a row; null means none (for an explicit hash key: route by partition key). */
    public interface KeyFunction extends Serializable {
        String apply(RowData row);
    }

    /** The values of {@code fields} joined with {@code delimiter} (PARTITIONED BY). */
    public static KeyFunction fields(RowType type, List<String> fields, String delimiter) {
        RowData.FieldGetter[] getters = new RowData.FieldGetter[fields.size()];
        for (int i = 0; i < getters.length; i++) {
            int pos = position(type, fields.get(i), "PARTITIONED BY");
            getters[i] = RowData.createFieldGetter(type.getTypeAt(pos), pos);
        }
        return row -> {
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < getters.length; i++) {
                if (i > 0) {
                    key.append(delimiter);
                }
                key.append(getters[i].getFieldOrNull(row));
            }
            return key.toString();
        };
    }

    /**
     * The explicit hash key in column {@code field}: a STRING or CHAR holding the decimal number, a
     * DECIMAL with scale 0, or an integer type.
     */
    public static KeyFunction explicitHashKey(RowType type, String field, String option) {
        int pos = position(type, field, option);
        LogicalType t = type.getTypeAt(pos);
        if (t.is(LogicalTypeFamily.CHARACTER_STRING)) {
            return row -> row.isNullAt(pos) ? null : row.getString(pos).toString();
        }
        if (t.is(LogicalTypeRoot.DECIMAL)) {
            int precision = ((org.apache.flink.table.types.logical.DecimalType) t).getPrecision();
            int scale = ((org.apache.flink.table.types.logical.DecimalType) t).getScale();
            if (scale == 0) {
                return row -> {
                    if (row.isNullAt(pos)) {
                        return null;
                    }
                    DecimalData d = row.getDecimal(pos, precision, scale);
                    return d.toBigDecimal().toBigInteger().toString();
                };
            }
        }
        if (t.is(LogicalTypeFamily.INTEGER_NUMERIC)) {
            RowData.FieldGetter getter = RowData.createFieldGetter(t, pos);
            return row -> {
                Object v = getter.getFieldOrNull(row);
                return v == null ? null : v.toString();
            };
        }
        throw new ValidationException(
                String.format(
                        "Invalid value '%s' for configuration %s: column %s is of type %s."
                            + " Accepted: a column of type STRING, CHAR, VARCHAR, DECIMAL(p, 0) or"
                            + " an integer type holding a number 0 to 2^128-1",
                        field, option, field, t.asSummaryString()));
    }

    private static int position(RowType type, String field, String where) {
        int pos = type.getFieldNames().indexOf(field);
        if (pos < 0) {
            throw new ValidationException(
                    String.format(
                            "Invalid value '%s' for configuration %s: the table has no such"
                                    + " physical column. Accepted: one of %s",
                            field, where, type.getFieldNames()));
        }
        return pos;
    }
}
