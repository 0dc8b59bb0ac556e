package dev.riffle.connector.kinesis.table;

import dev.riffle.connector.kinesis.aws.AwsConfigOptions;
import dev.riffle.connector.kinesis.aws.StreamAddress;
import dev.riffle.connector.kinesis.source.config.KinesisSourceOptions;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.factories.FactoryUtil;

import java.util.ArrayList;
import java.util.List;

/**
 * The options only a {@code 'kinesis'} table has: how rows find their partition key and explicit
 * hash key. Every other option of the table is the DataStream connector's own ({@link
 * AwsConfigOptions}, {@link StreamAddress}, {@link KinesisSourceOptions} and the sink's options),
 * so a key means the same in SQL and in code.
 */
@PublicEvolving
public final class KinesisTableOptions {

    private KinesisTableOptions() {}

    /** {@code sink.partitioner = random}: a random partition key per row. */
    public static final String PARTITIONER_RANDOM = "random";

    /** {@code sink.partitioner = fixed}: one partition key per sink subtask. */
    public static final String PARTITIONER_FIXED = "fixed";

    public static final ConfigOption<String> SINK_PARTITIONER =
            ConfigOptions.key("sink.partitioner")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "How a row's partition key is chosen when the table has no PARTITIONED"
                                + " BY clause: 'random' (the default), 'fixed' (each sink subtask"
                                + " writes with one key, so to one shard), or the class name of a"
                                + " dev.riffle.connector.kinesis.table.RowDataPartitionKeyGenerator"
                                + " with a public no-argument constructor. A PARTITIONED BY table"
                                + " uses the partition fields and must not set this.");

    public static final ConfigOption<String> SINK_PARTITIONER_FIELD_DELIMITER =
            ConfigOptions.key("sink.partitioner-field-delimiter")
                    .stringType()
                    .defaultValue("|")
                    .withDescription(
                            "Joins the values of the PARTITIONED BY fields into the partition"
                                    + " key.");

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
        return List.of(
                SINK_PARTITIONER, SINK_PARTITIONER_FIELD_DELIMITER, SINK_EXPLICIT_HASH_KEY_FIELD);
    }

    /**
     * Every option a {@code 'kinesis'} table accepts besides {@code connector} and {@code format}
     * (and the format's own options), in documentation order.
     */
    public static List<ConfigOption<?>> all() {
        List<ConfigOption<?>> options = new ArrayList<>(StreamAddress.options());
        options.addAll(AwsConfigOptions.all());
        options.addAll(KinesisSourceOptions.all());
        options.addAll(tableOptions());
        options.add(FactoryUtil.SOURCE_PARALLELISM);
        options.add(FactoryUtil.SINK_PARALLELISM);
        return options;
    }
}
