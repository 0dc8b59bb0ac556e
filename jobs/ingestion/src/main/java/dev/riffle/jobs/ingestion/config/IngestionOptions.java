package dev.riffle.jobs.ingestion.config;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;

import java.time.Duration;
import java.util.List;

import static org.apache.flink.configuration.ConfigOptions.key;

/**
 * Every configuration key of the ingestion job's processing (stream and AWS settings are the
 * Kinesis connector's keys). README "Ingestion: configuration" lists them; {@code
 * IngestionOptionsTest} pins every key and default.
 */
@PublicEvolving
public final class IngestionOptions {
    private IngestionOptions() {}

    public static final ConfigOption<String> JOB_NAME =
            key("ingestion.job-name")
                    .stringType()
                    .defaultValue("riffle-ingestion")
                    .withDescription(
                            "Name of the job, written into every dead letter (jobName) so a dead"
                                    + " letter can be traced to the job that rejected it.");

    public static final ConfigOption<MemorySize> MAX_RECORD_SIZE =
            key("ingestion.max-record-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("64kb"))
                    .withDescription(
                            "Largest raw record accepted; larger ones go to the dead letters as"
                                    + " OVERSIZE before they are parsed. At most 10mb.");

    public static final ConfigOption<MemorySize> DEAD_LETTER_MAX_RAW_SIZE =
            key("ingestion.dead-letter.max-raw-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("256kb"))
                    .withDescription(
                            "How much of a rejected record a dead letter keeps (rawTruncated=true"
                                    + " beyond it), so that the base64 envelope fits one Kinesis"
                                    + " record. From 1kb to 700kb.");

    public static final ConfigOption<Duration> MAX_FUTURE_SKEW =
            key("ingestion.timestamp.max-future-skew")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription(
                            "How far an event's timestamp may lie after the record's arrival on"
                                    + " the stream (clock skew of producers); later ones are"
                                    + " INVALID_TIMESTAMP.");

    public static final ConfigOption<Duration> DEDUPE_WINDOW =
            key("ingestion.dedupe.window")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription(
                            "How long an eventId is remembered (processing time, state TTL): a"
                                    + " second event with the same id within it is a duplicate and"
                                    + " dropped. Longer windows hold more state. At least 1 s.");

    public static final ConfigOption<List<String>> TEST_ACCOUNT_IDS =
            key("ingestion.filter.test-account-ids")
                    .stringType()
                    .asList()
                    .defaultValues()
                    .withDescription(
                            "User or device ids of test accounts, separated by ';'. Their events"
                                    + " are filtered out (counted, not dead-lettered).");

    public static final ConfigOption<List<String>> TEST_ACCOUNT_PREFIXES =
            key("ingestion.filter.test-account-prefixes")
                    .stringType()
                    .asList()
                    .defaultValues()
                    .withDescription(
                            "Id prefixes of test accounts, separated by ';' (e.g. 'test-;qa-')."
                                    + " Events of users or devices whose id starts with one are"
                                    + " filtered out.");

    public static final ConfigOption<List<String>> INTERNAL_CIDRS =
            key("ingestion.filter.internal-cidrs")
                    .stringType()
                    .asList()
                    .defaultValues()
                    .withDescription(
                            "Internal networks in CIDR notation, separated by ';' (e.g."
                                    + " '10.0.0.0/8;fd00::/8'). Events whose ip lies in one are"
                                    + " filtered out.");

    public static final ConfigOption<String> GEO_DATABASE =
            key("ingestion.geo.database")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "MaxMind-format country database (.mmdb) used to set geoCountry from"
                                    + " ip: a local path (memory-mapped), 'classpath:NAME', or a"
                                    + " Flink file system URI such as s3://bucket/key. Unset: no"
                                    + " enrichment.");

    public static final ConfigOption<Integer> GEO_CACHE_SIZE =
            key("ingestion.geo.cache-size")
                    .intType()
                    .defaultValue(4096)
                    .withDescription(
                            "Decoded database records kept in memory per operator; 0 disables the"
                                    + " cache.");
}
