package dev.riffle.jobs.parquet.config;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

import java.time.Duration;
import java.util.Map;

/** Property group {@code lake}: where and how files are delivered. */
@PublicEvolving
public final class LakeOptions {

    public static final String GROUP = "lake";

    public static final ConfigOption<String> PATH =
            ConfigOptions.key("path")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Base path of the lake: file:///data/lake/events or"
                                    + " s3://bucket/events (S3 needs the cluster's"
                                    + " s3-fs-hadoop plugin). Prefixes are relative to it.");

    public static final ConfigOption<String> PREFIX =
            ConfigOptions.key("prefix")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Firehose's Prefix: the folder rows go to, with !{timestamp:...},"
                                    + " !{partitionKeyFromQuery:...} and"
                                    + " !{firehose:random-string}. Without a timestamp or"
                                    + " partition key expression, !{timestamp:yyyy/MM/dd/HH/} is"
                                    + " appended (the default yyyy/MM/dd/HH/). Must end with '/'.");

    public static final ConfigOption<String> ERROR_PREFIX =
            ConfigOptions.key("error-prefix")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Firehose's ErrorOutputPrefix: the folder failed records go to; must"
                                + " contain !{firehose:error-output-type}. Required when prefix has"
                                + " expressions; otherwise"
                                + " <prefix>!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd/HH/}.");

    public static final ConfigOption<Map<String, String>> PARTITION_KEYS =
            ConfigOptions.key("partition-keys")
                    .mapType()
                    .noDefaultValue()
                    .withDescription(
                            "Partition keys for !{partitionKeyFromQuery:NAME}, as NAME:PATH pairs,"
                                    + " e.g. 'type:.type,device:.device.os'. PATH is a jq-style"
                                    + " path (.a.b or .[\"odd key\"]); the value must be a"
                                    + " scalar.");

    public static final ConfigOption<TimestampSource> TIMESTAMP_SOURCE =
            ConfigOptions.key("timestamp.source")
                    .enumType(TimestampSource.class)
                    .defaultValue(TimestampSource.ARRIVAL_TIME)
                    .withDescription(
                            "What !{timestamp:...} renders: ARRIVAL_TIME (when Kinesis accepted"
                                    + " the record, as Firehose does) or EVENT_TIME (the"
                                    + " timestamp.field of the record). Always UTC.");

    public static final ConfigOption<String> TIMESTAMP_FIELD =
            ConfigOptions.key("timestamp.field")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Path of the event time in the record (e.g. .occurredAt), read with"
                                    + " schema's json.timestamp-formats. Required for EVENT_TIME.");

    public static final ConfigOption<String> DEDUPE_FIELD =
            ConfigOptions.key("dedupe.field")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Path of a record id (e.g. .eventId): a record whose id was already"
                                    + " delivered within dedupe.window is dropped. Records without"
                                    + " the field (or not JSON) pass unchanged. Unset: off.");

    public static final ConfigOption<Duration> DEDUPE_WINDOW =
            ConfigOptions.key("dedupe.window")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "How long a delivered id is remembered (processing time, from its"
                                    + " first sighting) when dedupe.field is set.");

    public static final ConfigOption<Integer> MAX_OPEN_PARTITIONS =
            ConfigOptions.key("max-open-partitions")
                    .intType()
                    .defaultValue(500)
                    .withDescription(
                            "Most prefixes one writer subtask has open between two checkpoints"
                                    + " (Firehose: 500 active partitions). Records for further"
                                    + " prefixes go to the error prefix as"
                                    + " activePartitionExceeded.");

    public static final ConfigOption<String> FILE_NAME_PREFIX =
            ConfigOptions.key("file-name-prefix")
                    .stringType()
                    .defaultValue("part")
                    .withDescription(
                            "Start of every file name:"
                                    + " <file-name-prefix>-<uuid>-<subtask>-<n>.parquet.");

    public static final ConfigOption<MemorySize> ROLLING_MAX_FILE_SIZE =
            ConfigOptions.key("rolling.max-file-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("128mb"))
                    .withDescription(
                            "Start a new file once one reaches this size (files are also cut at"
                                    + " every checkpoint).");

    public static final ConfigOption<Duration> ROLLING_INACTIVITY_INTERVAL =
            ConfigOptions.key("rolling.inactivity-interval")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "Close a file that received no row for this long (it is committed at"
                                    + " the next checkpoint).");

    public static final ConfigOption<Duration> ROLLING_CHECK_INTERVAL =
            ConfigOptions.key("rolling.check-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "How often open files are checked for inactivity and for"
                                    + " rolling.max-file-size (between checks the size is read"
                                    + " every 1021st record).");

    public static final ConfigOption<Boolean> COMPACTION_ENABLED =
            ConfigOptions.key("compaction.enabled")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Rewrite the small files of each prefix into larger ones, row by row,"
                                    + " before they are committed. Adds at least one checkpoint"
                                    + " interval of delay.");

    public static final ConfigOption<MemorySize> COMPACTION_SIZE_THRESHOLD =
            ConfigOptions.key("compaction.size-threshold")
                    .memoryType()
                    .defaultValue(MemorySize.parse("64mb"))
                    .withDescription(
                            "Compact a prefix's pending files once they add up to this size.");

    public static final ConfigOption<Integer> COMPACTION_CHECKPOINTS =
            ConfigOptions.key("compaction.checkpoints")
                    .intType()
                    .defaultValue(10)
                    .withDescription(
                            "Compact at least every this many checkpoints, whatever the size.");

    private LakeOptions() {}
}
