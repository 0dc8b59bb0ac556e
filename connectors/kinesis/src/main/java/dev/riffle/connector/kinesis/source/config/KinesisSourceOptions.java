package dev.riffle.connector.kinesis.source.config;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

import java.time.Duration;
import java.util.List;

/**
 * The {@code source.*} options of the Kinesis source. Keys and defaults are the official
 * connector's ({@code KinesisSourceConfigOptions}) where it has them; the others are Riffle's and
 * say so in their description.
 */
@PublicEvolving
public final class KinesisSourceOptions {

    private KinesisSourceOptions() {}

    /** Where a job that starts without a checkpoint begins to read. */
    public enum InitialPosition {
        /** New records only: recorded as AT_TIMESTAMP of the job's start. */
        LATEST,
        /** The oldest record within the stream's retention. */
        TRIM_HORIZON,
        /** Records that arrived at or after {@code source.init.timestamp}. */
        AT_TIMESTAMP
    }

    /** How shards are read. */
    public enum ReaderType {
        /** GetRecords, paced within the per-shard limits. */
        POLLING,
        /** Enhanced fan-out: SubscribeToShard with a dedicated 2 MB/s per shard. */
        EFO
    }

    /** Who registers the enhanced fan-out consumer. */
    public enum ConsumerLifecycle {
        /** The job registers the consumer if it does not exist. */
        JOB_MANAGED,
        /** The consumer must exist; the job only describes it. */
        SELF_MANAGED
    }

    /** How shards are spread over the source's parallel readers. */
    public enum ShardAssignerType {
        /** To the reader with the fewest shards, lowest index first. */
        UNIFORM,
        /** By a hash of the shard id: the same shard always lands on the same reader index. */
        HASH
    }

    public static final ConfigOption<InitialPosition> STREAM_INITIAL_POSITION =
            ConfigOptions.key("source.init.position")
                    .enumType(InitialPosition.class)
                    .defaultValue(InitialPosition.LATEST)
                    .withDescription(
                            "Where to start when there is no checkpoint. LATEST is recorded as the"
                                    + " job's start time, so a restart does not skip records. A"
                                    + " restored checkpoint always wins.");

    public static final ConfigOption<String> STREAM_INITIAL_TIMESTAMP =
            ConfigOptions.key("source.init.timestamp")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Start time for AT_TIMESTAMP: in source.init.timestamp.format, or"
                                    + " seconds since the epoch (e.g. 1700000000.5).");

    public static final ConfigOption<String> STREAM_TIMESTAMP_DATE_FORMAT =
            ConfigOptions.key("source.init.timestamp.format")
                    .stringType()
                    .defaultValue("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
                    .withDescription(
                            "Pattern of source.init.timestamp (java.text.SimpleDateFormat).");

    public static final ConfigOption<Duration> SHARD_DISCOVERY_INTERVAL =
            ConfigOptions.key("source.shard.discovery.interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("How often to look for new shards (after a split or merge).");

    public static final ConfigOption<Integer> SHARD_GET_RECORDS_MAX =
            ConfigOptions.key("source.shard.get-records.max-record-count")
                    .intType()
                    .defaultValue(10_000)
                    .withDescription("Records per GetRecords call, 1 to 10000.");

    public static final ConfigOption<ReaderType> READER_TYPE =
            ConfigOptions.key("source.reader.type")
                    .enumType(ReaderType.class)
                    .defaultValue(ReaderType.POLLING)
                    .withDescription("POLLING (GetRecords) or EFO (enhanced fan-out).");

    public static final ConfigOption<Duration> READER_EMPTY_RECORDS_FETCH_INTERVAL =
            ConfigOptions.key("source.reader.empty-records-fetch-interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(250))
                    .withDescription(
                            "Wait before polling a shard again after a call that returned no"
                                + " records or found the shard caught up (millisBehindLatest = 0):"
                                + " idle shards are not busy-polled.");

    public static final ConfigOption<Duration> READER_NON_EMPTY_RECORDS_FETCH_INTERVAL =
            ConfigOptions.key("source.reader.nonempty-records-fetch-interval")
                    .durationType()
                    .defaultValue(Duration.ZERO)
                    .withDescription(
                            "Extra wait before polling a shard again after a call that returned"
                                    + " records while the shard is behind.");

    public static final ConfigOption<Duration> SHARD_GET_RECORDS_MIN_INTERVAL =
            ConfigOptions.key("source.shard.get-records.min-interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withDescription(
                            "(Riffle) Least time between two GetRecords calls on one shard. 200 ms"
                                    + " keeps within Kinesis' 5 calls per second per shard;"
                                    + " 0 disables the pacing.");

    public static final ConfigOption<MemorySize> SHARD_GET_RECORDS_MAX_BYTES_PER_SECOND =
            ConfigOptions.key("source.shard.get-records.max-bytes-per-second")
                    .memoryType()
                    .defaultValue(MemorySize.parse("2mb"))
                    .withDescription(
                            "(Riffle) Read budget per shard: after a response of B bytes the next"
                                    + " call waits B / budget. 2 MB/s is a shard's read limit"
                                    + " (shared by every polling consumer); 0 disables it.");

    public static final ConfigOption<ShardAssignerType> SHARD_ASSIGNER =
            ConfigOptions.key("source.shard.assigner")
                    .enumType(ShardAssignerType.class)
                    .defaultValue(ShardAssignerType.UNIFORM)
                    .withDescription("(Riffle) How shards are spread over the readers.");

    public static final ConfigOption<ConsumerLifecycle> EFO_CONSUMER_LIFECYCLE =
            ConfigOptions.key("source.efo.lifecycle")
                    .enumType(ConsumerLifecycle.class)
                    .defaultValue(ConsumerLifecycle.JOB_MANAGED)
                    .withDescription(
                            "JOB_MANAGED registers the consumer if it is missing (it is not"
                                    + " deregistered: a failover would cut every subscription);"
                                    + " SELF_MANAGED expects it to exist.");

    public static final ConfigOption<String> EFO_CONSUMER_NAME =
            ConfigOptions.key("source.efo.consumer.name")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Name of the enhanced fan-out consumer; required for EFO.");

    public static final ConfigOption<Duration> EFO_CONSUMER_SUBSCRIPTION_TIMEOUT =
            ConfigOptions.key("source.efo.subscription.timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription("How long a SubscribeToShard call may take to start.");

    public static final ConfigOption<Duration> EFO_DESCRIBE_CONSUMER_RETRY_MIN_DELAY =
            ConfigOptions.key("source.efo.describe.retry-strategy.delay.min")
                    .durationType()
                    .defaultValue(Duration.ofMillis(2000))
                    .withDescription("First delay while waiting for the consumer to be ACTIVE.");

    public static final ConfigOption<Duration> EFO_DESCRIBE_CONSUMER_RETRY_MAX_DELAY =
            ConfigOptions.key("source.efo.describe.retry-strategy.delay.max")
                    .durationType()
                    .defaultValue(Duration.ofMillis(60000))
                    .withDescription("Longest delay while waiting for the consumer to be ACTIVE.");

    public static final ConfigOption<Integer> EFO_DESCRIBE_CONSUMER_RETRY_MAX_ATTEMPTS =
            ConfigOptions.key("source.efo.describe.retry-strategy.attempts.max")
                    .intType()
                    .defaultValue(100)
                    .withDescription("Describe attempts before giving up on the consumer.");

    /** Every source option, in documentation order. */
    public static List<ConfigOption<?>> all() {
        return List.of(
                STREAM_INITIAL_POSITION,
                STREAM_INITIAL_TIMESTAMP,
                STREAM_TIMESTAMP_DATE_FORMAT,
                SHARD_DISCOVERY_INTERVAL,
                SHARD_GET_RECORDS_MAX,
                READER_TYPE,
                READER_EMPTY_RECORDS_FETCH_INTERVAL,
                READER_NON_EMPTY_RECORDS_FETCH_INTERVAL,
                SHARD_GET_RECORDS_MIN_INTERVAL,
                SHARD_GET_RECORDS_MAX_BYTES_PER_SECOND,
                SHARD_ASSIGNER,
                EFO_CONSUMER_LIFECYCLE,
                EFO_CONSUMER_NAME,
                EFO_CONSUMER_SUBSCRIPTION_TIMEOUT,
                EFO_DESCRIBE_CONSUMER_RETRY_MIN_DELAY,
                EFO_DESCRIBE_CONSUMER_RETRY_MAX_DELAY,
                EFO_DESCRIBE_CONSUMER_RETRY_MAX_ATTEMPTS);
    }
}
