package dev.riffle.connector.kinesis.table;

import dev.riffle.connector.kinesis.aws.AwsConfigOptions;
import dev.riffle.connector.kinesis.aws.StreamAddress;
import dev.riffle.connector.kinesis.sink.KinesisSinkOptions;
import dev.riffle.connector.kinesis.source.config.KinesisSourceOptions;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.factories.FactoryUtil;

import java.util.ArrayList;
import java.util.List;

/**
 * The option only a {@code 'kinesis'} table has: the column holding a row's explicit hash key.
 * Every other option of the table is the DataStream connector's own ({@link AwsConfigOptions},
 * {@link StreamAddress}, {@link KinesisSourceOptions}, {@link KinesisSinkOptions}), so a key means
 * the same in SQL and in code. A table's partition key comes from its {@code PARTITIONED BY}
 * fields, joined with {@code sink.partitioner-field-delimiter}, or else from {@code
 * sink.partitioner} (default: random).
 */
@PublicEvolving
public final class KinesisTableOptions {

    private KinesisTableOptions() {}

    public static final ConfigOption<String> SINK_EXPLICIT_HASH_KEY_FIELD =
            ConfigOptions.key("sink.explicit-hash-key-field")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "(Riffle) A column whose value is the record's explicit hash key: a"
                                + " decimal number 0 to 2^128-1 that picks the shard instead of the"
                                + " partition key's hash. Rows where it is null are routed by their"
                                + " partition key.");

    /** The table-only options, in documentation order. */
    public static List<ConfigOption<?>> tableOptions() {
        return List.of(SINK_EXPLICIT_HASH_KEY_FIELD);
    }

    /**
     * Every option a {@code 'kinesis'} table accepts besides {@code connector} and {@code format}
     * (and the format's own options), in documentation order.
     */
    public static List<ConfigOption<?>> all() {
        List<ConfigOption<?>> options = new ArrayList<>(StreamAddress.options());
        options.addAll(AwsConfigOptions.all());
        options.addAll(KinesisSourceOptions.all());
        options.addAll(KinesisSinkOptions.all());
        options.addAll(tableOptions());
        options.add(FactoryUtil.SOURCE_PARALLELISM);
        options.add(FactoryUtil.SINK_PARALLELISM);
        return options;
    }
}
