package dev.riffle.connector.kinesis.table.internal;

import dev.riffle.connector.kinesis.sink.KinesisSink;
import dev.riffle.connector.kinesis.sink.KinesisSinkBuilder;
import dev.riffle.connector.kinesis.sink.KinesisSinkOptions;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.connector.sink.abilities.SupportsPartitioning;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

import javax.annotation.Nullable;

import java.util.Map;
import java.util.Objects;

/**
 * The write side of a {@code 'kinesis'} table: a {@code KinesisSink} of {@link RowData}, encoded by
 * the table's format, each row's partition key from the PARTITIONED BY fields or the partitioner,
 * and its explicit hash key from a column when configured.
 */
@Internal
public final class KinesisDynamicSink implements DynamicTableSink, SupportsPartitioning {

    private final Map<String, String> sinkConfig;
    private final EncodingFormat<SerializationSchema<RowData>> format;
    private final DataType physicalDataType;

    /** The PARTITIONED BY fields' key, or null: then sink.partitioner or random. */
    @Nullable private final RowDataKeys.KeyFunction partitionKeys;

    @Nullable private final RowDataKeys.KeyFunction explicitHashKeys;
    @Nullable private final Integer parallelism;

    public KinesisDynamicSink(
            Map<String, String> sinkConfig,
            EncodingFormat<SerializationSchema<RowData>> format,
            DataType physicalDataType,
            @Nullable RowDataKeys.KeyFunction partitionKeys,
            @Nullable RowDataKeys.KeyFunction explicitHashKeys,
            @Nullable Integer parallelism) {
        this.sinkConfig = Map.copyOf(sinkConfig);
        this.format = format;
        this.physicalDataType = physicalDataType;
        this.partitionKeys = partitionKeys;
        this.explicitHashKeys = explicitHashKeys;
        this.parallelism = parallelism;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        return format.getChangelogMode();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        SerializationSchema<RowData> encoder =
                format.createRuntimeEncoder(context, physicalDataType);
        return SinkV2Provider.of(
                sink(sinkConfig, encoder, partitionKeys, explicitHashKeys), parallelism);
    }

    /**
     * The DataStream sink of a table. Without PARTITIONED BY fields, {@code sink.partitioner}
     * decides, and without it each row gets a random key (as in the official connector).
     */
    public static KinesisSink<RowData> sink(
            Map<String, String> sinkConfig,
            SerializationSchema<RowData> encoder,
            @Nullable RowDataKeys.KeyFunction partitionKeys,
            @Nullable RowDataKeys.KeyFunction explicitHashKeys) {
        KinesisSinkBuilder<RowData> builder =
                KinesisSink.<RowData>builder().setAll(sinkConfig).serializationSchema(encoder);
        if (partitionKeys != null) {
            builder.partitionKeyGenerator(partitionKeys::apply);
        } else if (!sinkConfig.containsKey(KinesisSinkOptions.SINK_PARTITIONER.key())) {
            builder.randomPartitionKey();
        }
        if (explicitHashKeys != null) {
            builder.explicitHashKeyGenerator(explicitHashKeys::apply);
        }
        return builder.build();
    }

    @Override
    public void applyStaticPartition(Map<String, String> partition) {
        // The planner writes a static partition's values into every row: nothing to do.
    }

    @Override
    public DynamicTableSink copy() {
        return new KinesisDynamicSink(
                sinkConfig, format, physicalDataType, partitionKeys, explicitHashKeys, parallelism);
    }

    @Override
    public String asSummaryString() {
        return "Kinesis";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KinesisDynamicSink)) {
            return false;
        }
        KinesisDynamicSink that = (KinesisDynamicSink) o;
        return sinkConfig.equals(that.sinkConfig)
                && format.equals(that.format)
                && physicalDataType.equals(that.physicalDataType)
                && Objects.equals(parallelism, that.parallelism);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sinkConfig, physicalDataType, parallelism);
    }
}
