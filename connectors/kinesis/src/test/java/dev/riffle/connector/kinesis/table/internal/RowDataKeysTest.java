package dev.riffle.connector.kinesis.table.internal;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.RowType;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RowDataKeysTest {

    private static final RowType TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("user_id", DataTypes.STRING()),
                                    DataTypes.FIELD("region", DataTypes.STRING()),
                                    DataTypes.FIELD("route", DataTypes.DECIMAL(38, 0)),
                                    DataTypes.FIELD("n", DataTypes.BIGINT()))
                            .getLogicalType();

    private static GenericRowData row(String user, String region, String route, Long n) {
        return GenericRowData.of(
                StringData.fromString(user),
                region == null ? null : StringData.fromString(region),
                route == null ? null : DecimalData.fromBigDecimal(new BigDecimal(route), 38, 0),
                n);
    }

    @Test
    void partitionFieldsAreJoinedWithTheDelimiter() {
        RowDataKeys.KeyFunction keys = RowDataKeys.fields(TYPE, List.of("user_id", "region"), "|");

        assertThat(keys.apply(row("u1", "eu", null, 1L))).isEqualTo("u1|eu");
        assertThat(keys.apply(row("u1", null, null, 1L))).isEqualTo("u1|null");
    }

    @Test
    void explicitHashKeysComeFromDecimalIntegerAndStringColumns() {
        // DECIMAL holds at most 38 digits; the largest hash keys (39 digits) need a STRING column.
        String big = "85070591730234615865843651857942052864";

        assertThat(RowDataKeys.explicitHashKey(TYPE, "route", "k").apply(row("u", "r", big, 1L)))
                .isEqualTo(big);
        assertThat(RowDataKeys.explicitHashKey(TYPE, "route", "k").apply(row("u", "r", null, 1L)))
                .isNull();
        assertThat(RowDataKeys.explicitHashKey(TYPE, "n", "k").apply(row("u", "r", null, 42L)))
                .isEqualTo("42");
        assertThat(RowDataKeys.explicitHashKey(TYPE, "region", "k").apply(row("u", "7", null, 1L)))
                .isEqualTo("7");
    }
}
