package dev.riffle.connector.kinesis.table;

import dev.riffle.connector.kinesis.aws.AwsConfigOptions;
import dev.riffle.connector.kinesis.aws.StreamAddress;
import dev.riffle.connector.kinesis.sink.KinesisSinkOptions;
import dev.riffle.connector.kinesis.source.config.KinesisSourceOptions;
import dev.riffle.connector.kinesis.source.config.internal.SourceSettings;
import dev.riffle.connector.kinesis.table.internal.KinesisDynamicSink;
import dev.riffle.connector.kinesis.table.internal.KinesisDynamicSource;
import dev.riffle.connector.kinesis.table.internal.OptionChecks;
import dev.riffle.connector.kinesis.table.internal.RowDataKeys;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.SerializationFormatFactory;
import org.apache.flink.table.types.logical.RowType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL connector {@code 'kinesis'}: a table over a Kinesis data stream, readable (a {@code
 * KinesisSource}) and writable (a {@code KinesisSink}), in any format.
 *
 * <pre>{@code
 * CREATE TABLE events (
 *   id STRING,
 *   ts TIMESTAMP(3),
 *   arrival TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
 *   shard STRING METADATA FROM 'shard-id' VIRTUAL,
 *   WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
 * ) WITH (
 *   'connector' = 'kinesis',
 *   'stream.arn' = 'arn:aws:kinesis:us-east-1:123456789012:stream/events',
 *   'source.init.position' = 'TRIM_HORIZON',
 *   'format' = 'json'
 * );
 * }</pre>
 *
 * <p>The options are the official Flink Kinesis connector's where it has them, with the same
 * meaning; every option is validated, including {@code aws.*} and {@code source.*} ones, so a
 * misspelled key fails the statement with the list of supported keys instead of being ignored.
 */
@PublicEvolving
public final class KinesisDynamicTableFactory
        implements DynamicTableSourceFactory, DynamicTableSinkFactory {

    public static final String IDENTIFIER = "kinesis";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(FactoryUtil.FORMAT);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return new LinkedHashSet<>(KinesisTableOptions.all());
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        DecodingFormat<DeserializationSchema<RowData>> format =
                helper.discoverDecodingFormat(
                        DeserializationFormatFactory.class, FactoryUtil.FORMAT);
        Map<String, String> options = context.getCatalogTable().getOptions();
        Map<String, String> sourceConfig = OptionChecks.connectorConfig(options, SOURCE_OPTIONS);
        try {
            SourceSettings.from(sourceConfig, Instant.now());
        } catch (IllegalConfigurationException e) {
            throw invalid(context, e);
        }
        OptionChecks.validate(helper, options, optionalOptions());
        return new KinesisDynamicSource(
                sourceConfig,
                format,
                context.getPhysicalRowDataType(),
                context.getObjectIdentifier().asSummaryString(),
                helper.getOptions().getOptional(FactoryUtil.SOURCE_PARALLELISM).orElse(null));
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        EncodingFormat<SerializationSchema<RowData>> format =
                helper.discoverEncodingFormat(SerializationFormatFactory.class, FactoryUtil.FORMAT);
        Map<String, String> options = context.getCatalogTable().getOptions();
        Map<String, String> sinkConfig = OptionChecks.connectorConfig(options, SINK_OPTIONS);
        RowType rowType = (RowType) context.getPhysicalRowDataType().getLogicalType();
        List<String> partitionFields = context.getCatalogTable().getPartitionKeys();
        String partitioner = sinkConfig.get(KinesisSinkOptions.SINK_PARTITIONER.key());
        if (!partitionFields.isEmpty() && partitioner != null) {
            throw new ValidationException(
                    String.format(
                            "Invalid value '%s' for configuration %s: the table is PARTITIONED BY"
                                    + " (%s), whose fields are the partition key. Accepted: remove"
                                    + " %s, or the PARTITIONED BY clause",
                            partitioner,
                            KinesisSinkOptions.SINK_PARTITIONER.key(),
                            String.join(", ", partitionFields),
                            KinesisSinkOptions.SINK_PARTITIONER.key()));
        }
        RowDataKeys.KeyFunction partitionKeys =
                partitionFields.isEmpty()
                        ? null
                        : RowDataKeys.fields(
                                rowType,
                                partitionFields,
                                helper.getOptions()
                                        .get(KinesisSinkOptions.SINK_PARTITIONER_FIELD_DELIMITER));
        String hashKeyField =
                helper.getOptions()
                        .getOptional(KinesisTableOptions.SINK_EXPLICIT_HASH_KEY_FIELD)
                        .orElse(null);
        RowDataKeys.KeyFunction hashKeys =
                hashKeyField == null
                        ? null
                        : RowDataKeys.explicitHashKey(
                                rowType,
                                hashKeyField,
                                KinesisTableOptions.SINK_EXPLICIT_HASH_KEY_FIELD.key());
        try {
            // Everything the sink checks (values, the partitioner class, dead letters), now
            // rather than when the job is submitted; the real encoder comes from the planner.
            KinesisDynamicSink.sink(sinkConfig, row -> new byte[0], partitionKeys, hashKeys);
        } catch (IllegalConfigurationException e) {
            throw invalid(context, e);
        }
        OptionChecks.validate(helper, options, optionalOptions());
        return new KinesisDynamicSink(
                sinkConfig,
                format,
                context.getPhysicalRowDataType(),
                partitionKeys,
                hashKeys,
                helper.getOptions().getOptional(FactoryUtil.SINK_PARALLELISM).orElse(null));
    }

    /** What the DataStream source reads: the stream, aws.* and source.* options. */
    private static final List<ConfigOption<?>> SOURCE_OPTIONS =
            concat(StreamAddress.options(), AwsConfigOptions.all(), KinesisSourceOptions.all());

    /** What the DataStream sink reads: the stream, aws.* and sink.* options. */
    private static final List<ConfigOption<?>> SINK_OPTIONS =
            concat(StreamAddress.options(), AwsConfigOptions.all(), KinesisSinkOptions.all());

    @SafeVarargs
    private static List<ConfigOption<?>> concat(List<ConfigOption<?>>... lists) {
        List<ConfigOption<?>> all = new ArrayList<>();
        for (List<ConfigOption<?>> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }

    private static ValidationException invalid(Context context, Exception e) {
        return new ValidationException(
                "Invalid options for the Kinesis table "
                        + context.getObjectIdentifier().asSummaryString()
                        + ". "
                        + e.getMessage(),
                e);
    }
}
