package dev.riffle.connector.kinesis.table.internal;

import dev.riffle.connector.kinesis.source.KinesisSource;
import dev.riffle.connector.kinesis.table.KinesisReadableMetadata;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.Projection;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.format.ProjectableDecodingFormat;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.connector.source.abilities.SupportsWatermarkPushDown;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The scan side of a {@code 'kinesis'} table: a {@link KinesisSource} of {@link RowData}, decoded
 * by the table's format, with the requested metadata columns filled from each record, the DDL's
 * watermark generated per shard inside the source, and only the queried physical fields produced
 * when the format can project.
 */
@Internal
public final class KinesisDynamicSource
        implements ScanTableSource,
                SupportsReadingMetadata,
                SupportsWatermarkPushDown,
                SupportsProjectionPushDown {

    private final Map<String, String> sourceConfig;
    private final DecodingFormat<DeserializationSchema<RowData>> format;
    private final DataType physicalDataType;
    private final String tableName;
    @Nullable private final Integer parallelism;

    /** Top-level physical fields the query reads, or null for all of them. */
    @Nullable private int[] projection;

    private List<KinesisReadableMetadata> metadata = List.of();
    private DataType producedDataType;
    @Nullable private WatermarkStrategy<RowData> watermarkStrategy;

    public KinesisDynamicSource(
            Map<String, String> sourceConfig,
            DecodingFormat<DeserializationSchema<RowData>> format,
            DataType physicalDataType,
            String tableName,
            @Nullable Integer parallelism) {
        this.sourceConfig = Map.copyOf(sourceConfig);
        this.format = format;
        this.physicalDataType = physicalDataType;
        this.producedDataType = physicalDataType;
        this.tableName = tableName;
        this.parallelism = parallelism;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return format.getChangelogMode();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        KinesisSource<RowData> source =
                KinesisSource.<RowData>builder()
                        .setAll(sourceConfig)
                        .deserializationSchema(deserializationSchema(context))
                        .build();
        WatermarkStrategy<RowData> watermarks =
                watermarkStrategy != null ? watermarkStrategy : WatermarkStrategy.noWatermarks();
        String name = "Kinesis source: " + tableName;
        Integer sourceParallelism = parallelism;
        return new DataStreamScanProvider() {
            @Override
            public DataStream<RowData> produceDataStream(
                    ProviderContext providerContext, StreamExecutionEnvironment env) {
                DataStreamSource<RowData> stream = env.fromSource(source, watermarks, name);
                providerContext.generateUid("kinesis-source").ifPresent(stream::uid);
                return stream;
            }

            @Override
            public boolean isBounded() {
                return false;
            }

            @Override
            public Optional<Integer> getParallelism() {
                return Optional.ofNullable(sourceParallelism);
            }
        };
    }

    /** What turns a record into the produced row: format, projection and metadata. */
    RowDataKinesisDeserializationSchema deserializationSchema(Context context) {
        TypeInformation<RowData> producedType = context.createTypeInformation(producedDataType);
        DeserializationSchema<RowData> decoder;
        int[] afterDecoding = null;
        DataType decodedType;
        if (projection == null) {
            decoder = format.createRuntimeDecoder(context, physicalDataType);
            decodedType = physicalDataType;
        } else if (format instanceof ProjectableDecodingFormat) {
            int[][] paths =
                    Arrays.stream(projection).mapToObj(i -> new int[] {i}).toArray(int[][]::new);
            decoder =
                    ((ProjectableDecodingFormat<DeserializationSchema<RowData>>) format)
                            .createRuntimeDecoder(context, physicalDataType, paths);
            decodedType = Projection.of(projection).project(physicalDataType);
        } else {
            decoder = format.createRuntimeDecoder(context, physicalDataType);
            decodedType = physicalDataType;
            afterDecoding = projection;
        }
        return new RowDataKinesisDeserializationSchema(
                decoder,
                (RowType) decodedType.getLogicalType(),
                afterDecoding,
                metadata,
                producedType);
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        Map<String, DataType> keys = new LinkedHashMap<>();
        for (KinesisReadableMetadata m : KinesisReadableMetadata.values()) {
            keys.put(m.key(), m.dataType());
        }
        return keys;
    }

    @Override
    public void applyReadableMetadata(List<String> metadataKeys, DataType producedDataType) {
        this.metadata =
                metadataKeys.stream()
                        .map(KinesisReadableMetadata::ofKey)
                        .collect(Collectors.toUnmodifiableList());
        this.producedDataType = producedDataType;
    }

    @Override
    public void applyWatermark(WatermarkStrategy<RowData> watermarkStrategy) {
        this.watermarkStrategy = watermarkStrategy;
    }

    @Override
    public boolean supportsNestedProjection() {
        return false;
    }

    @Override
    public void applyProjection(int[][] projectedFields, DataType producedDataType) {
        this.projection = Arrays.stream(projectedFields).mapToInt(path -> path[0]).toArray();
        this.producedDataType = producedDataType;
    }

    @Override
    public DynamicTableSource copy() {
        KinesisDynamicSource copy =
                new KinesisDynamicSource(
                        sourceConfig, format, physicalDataType, tableName, parallelism);
        copy.projection = projection == null ? null : projection.clone();
        copy.metadata = new ArrayList<>(metadata);
        copy.producedDataType = producedDataType;
        copy.watermarkStrategy = watermarkStrategy;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "Kinesis";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KinesisDynamicSource)) {
            return false;
        }
        KinesisDynamicSource that = (KinesisDynamicSource) o;
        return sourceConfig.equals(that.sourceConfig)
                && format.equals(that.format)
                && physicalDataType.equals(that.physicalDataType)
                && tableName.equals(that.tableName)
                && Objects.equals(parallelism, that.parallelism)
                && Arrays.equals(projection, that.projection)
                && metadata.equals(that.metadata)
                && producedDataType.equals(that.producedDataType)
                && Objects.equals(watermarkStrategy, that.watermarkStrategy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceConfig, physicalDataType, tableName, metadata, producedDataType);
    }
}
