package dev.riffle.connector.kinesis.table;

import dev.riffle.connector.kinesis.source.config.internal.SourceSettings;
import dev.riffle.connector.kinesis.table.internal.KinesisDynamicSource;
import dev.riffle.connector.kinesis.table.internal.OptionChecks;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;

import java.time.Instant;
import java.util.LinkedHashSet;
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
public final class KinesisDynamicTableFactory implements DynamicTableSourceFactory {

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
        Map<String, String> sourceConfig =
                OptionChecks.connectorConfig(
                        options, optionalOptions(), "aws.", "stream.", "source.");
        try {
            SourceSettings.from(sourceConfig, Instant.now());
        } catch (IllegalConfigurationException e) {
            throw new ValidationException(
                    "Invalid options for the Kinesis table "
                            + context.getObjectIdentifier().asSummaryString()
                            + ". "
                            + e.getMessage(),
                    e);
        }
        OptionChecks.validate(helper, options, optionalOptions());
        return new KinesisDynamicSource(
                sourceConfig,
                format,
                context.getPhysicalRowDataType(),
                context.getObjectIdentifier().asSummaryString(),
                helper.getOptions().getOptional(FactoryUtil.SOURCE_PARALLELISM).orElse(null));
    }
}
