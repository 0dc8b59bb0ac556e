package dev.riffle.jobs.ingestion.config;

import dev.riffle.common.config.ConfigSchema;
import dev.riffle.common.config.GroupSpec;
import dev.riffle.common.config.OptionSpec;
import dev.riffle.common.config.Validators;
import dev.riffle.jobs.ingestion.process.CidrRange;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;

import java.io.File;
import java.time.Duration;
import java.util.List;

import static org.apache.flink.configuration.ConfigOptions.key;

/**
 * Every key of the ingestion job's processing settings, property group {@value #GROUP} (the
 * streams' groups take the Kinesis connector's keys). {@link #GROUP_SPEC} declares them with their
 * validators for the configuration loader; README "Ingestion" lists them; {@code
 * IngestionConfigTest} pins every key and default.
 */
@PublicEvolving
public final class IngestionOptions {
    private IngestionOptions() {}

    /** The property group of these options. */
    public static final String GROUP = "ingestion";

    /** Property group of the stream read: the Kinesis source's keys. */
    public static final String SOURCE_GROUP = "raw-events";

    /** Property group of the stream events are written to: the Kinesis sink's keys. */
    public static final String EVENTS_GROUP = "events";

    /** Property group of the stream rejected records are written to: the Kinesis sink's keys. */
    public static final String DEAD_LETTERS_GROUP = "dead-letters";

    public static final ConfigOption<String> JOB_NAME =
            key("job-name")
                    .stringType()
                    .defaultValue("riffle-ingestion")
                    .withDescription(
                            "Name of the job, written into every dead letter (jobName) so a dead"
                                    + " letter can be traced to the job that rejected it.");

    public static final ConfigOption<MemorySize> MAX_RECORD_SIZE =
            key("max-record-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("64kb"))
                    .withDescription(
                            "Largest raw record accepted; larger ones go to the dead letters as"
                                    + " OVERSIZE before they are parsed.");

    public static final ConfigOption<MemorySize> DEAD_LETTER_MAX_RAW_SIZE =
            key("dead-letter.max-raw-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("256kb"))
                    .withDescription(
                            "How much of a rejected record a dead letter keeps (rawTruncated=true"
                                    + " beyond it), so that the base64 envelope fits one Kinesis"
                                    + " record.");

    public static final ConfigOption<Duration> MAX_FUTURE_SKEW =
            key("timestamp.max-future-skew")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription(
                            "How far an event's timestamp may lie after the record's arrival on"
                                    + " the stream (clock skew of producers); later ones are"
                                    + " INVALID_TIMESTAMP.");

    public static final ConfigOption<Duration> DEDUPE_WINDOW =
            key("dedupe.window")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription(
                            "How long an eventId is remembered (processing time, from its first"
                                + " sighting): a second event with the same id and partition key"
                                + " within it is a duplicate and dropped. Longer windows hold more"
                                + " state.");

    public static final ConfigOption<List<String>> TEST_ACCOUNT_IDS =
            key("filter.test-account-ids")
                    .stringType()
                    .asList()
                    .defaultValues()
                    .withDescription(
                            "User or device ids of test accounts, separated by ';'. Their events"
                                    + " are filtered out (counted, not dead-lettered).");

    public static final ConfigOption<List<String>> TEST_ACCOUNT_PREFIXES =
            key("filter.test-account-prefixes")
                    .stringType()
                    .asList()
                    .defaultValues()
                    .withDescription(
                            "Id prefixes of test accounts, separated by ';' (e.g. 'test-;qa-')."
                                    + " Events of users or devices whose id starts with one are"
                                    + " filtered out.");

    public static final ConfigOption<List<String>> INTERNAL_CIDRS =
            key("filter.internal-cidrs")
                    .stringType()
                    .asList()
                    .defaultValues()
                    .withDescription(
                            "Internal networks in CIDR notation, separated by ';' (e.g."
                                    + " '10.0.0.0/8;fd00::/8'). Events whose ip lies in one are"
                                    + " filtered out.");

    public static final ConfigOption<String> GEO_DATABASE =
            key("geo.database")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "MaxMind-format country database (.mmdb) used to set geoCountry from"
                                    + " ip: a local path (memory-mapped), 'classpath:NAME', or a"
                                    + " Flink file system URI such as s3://bucket/key. Unset: no"
                                    + " enrichment.");

    public static final ConfigOption<Integer> GEO_CACHE_SIZE =
            key("geo.cache-size")
                    .intType()
                    .defaultValue(4096)
                    .withDescription(
                            "Decoded database records kept in memory per operator; 0 disables the"
                                    + " cache.");

    private static final long MAX_RECORD_LIMIT = 10L * 1024 * 1024;

    /** The group, with every option and its validators, for the job's configuration schema. */
    public static final GroupSpec GROUP_SPEC =
            GroupSpec.builder(GROUP)
                    .description(
                            "How records are checked, filtered, enriched and deduplicated."
                                    + " Optional: every key has a default.")
                    .optional()
                    .option(OptionSpec.optional(JOB_NAME).validatedBy(Validators.notBlank()))
                    .option(
                            OptionSpec.optional(MAX_RECORD_SIZE)
                                    .validatedBy(
                                            Validators.check(
                                                    (MemorySize m) ->
                                                            m.getBytes() > 0
                                                                    && m.getBytes()
                                                                            <= MAX_RECORD_LIMIT,
                                                    "must be more than 0 and at most 10mb (the"
                                                            + " Kinesis record limit)",
                                                    "a size such as 64kb or 1mb")))
                    .option(
                            OptionSpec.optional(DEAD_LETTER_MAX_RAW_SIZE)
                                    .validatedBy(
                                            Validators.check(
                                                    (MemorySize m) ->
                                                            m.getBytes() >= 1024
                                                                    && m.getBytes() <= 700 * 1024,
                                                    "must be from 1kb to 700kb so that a dead"
                                                            + " letter fits one 1 MiB record",
                                                    "a size such as 256kb")))
                    .option(
                            OptionSpec.optional(MAX_FUTURE_SKEW)
                                    .validatedBy(
                                            Validators.check(
                                                    (Duration d) -> !d.isNegative(),
                                                    "must not be negative",
                                                    "a duration such as 1 h or 10 min")))
                    .option(
                            OptionSpec.optional(DEDUPE_WINDOW)
                                    .validatedBy(
                                            Validators.check(
                                                    (Duration d) ->
                                                            d.compareTo(Duration.ofSeconds(1)) >= 0,
                                                    "must be at least 1 s",
                                                    "a duration such as 1 h or 10 min")))
                    .optional(TEST_ACCOUNT_IDS)
                    .optional(TEST_ACCOUNT_PREFIXES)
                    .option(
                            OptionSpec.optional(INTERNAL_CIDRS)
                                    .validatedBy(
                                            Validators.check(
                                                    (List<String> cidrs) ->
                                                            cidrs.stream()
                                                                    .allMatch(
                                                                            IngestionOptions
                                                                                    ::isCidr),
                                                    "has an entry that is not a CIDR range",
                                                    "CIDR ranges such as 10.0.0.0/8 or fd00::/8,"
                                                            + " separated by ';'")))
                    .option(
                            OptionSpec.optional(GEO_DATABASE)
                                    .validatedBy(
                                            Validators.check(
                                                    IngestionOptions::isReadableDatabase,
                                                    "no such file",
                                                    "a path to a .mmdb file, classpath:NAME, or a"
                                                            + " file system URI such as"
                                                            + " s3://bucket/key.mmdb")))
                    .option(OptionSpec.optional(GEO_CACHE_SIZE).validatedBy(Validators.atLeast(0)))
                    .build();

    /**
     * The job's whole configuration: the three streams' groups, whose keys the Kinesis source and
     * sink check themselves ({@code stream.arn} or {@code stream.name} with {@code aws.region},
     * {@code aws.*}, {@code source.*} / {@code sink.*}), and {@link #GROUP_SPEC}.
     */
    public static final ConfigSchema SCHEMA =
            ConfigSchema.builder("ingestion")
                    .group(
                            GroupSpec.builder(SOURCE_GROUP)
                                    .description(
                                            "The stream producers write raw events to: the Kinesis"
                                                    + " source's keys (stream.arn, or stream.name"
                                                    + " with aws.region; aws.*; source.*).")
                                    .acceptUndeclaredKeys()
                                    .build())
                    .group(
                            GroupSpec.builder(EVENTS_GROUP)
                                    .description(
                                            "The stream validated events go to, partitioned by"
                                                    + " user (or device): the Kinesis sink's keys"
                                                    + " (stream.arn or stream.name; aws.*;"
                                                    + " sink.*).")
                                    .acceptUndeclaredKeys()
                                    .build())
                    .group(
                            GroupSpec.builder(DEAD_LETTERS_GROUP)
                                    .description(
                                            "The stream rejected records go to, one dead-letter"
                                                    + " envelope each: the Kinesis sink's keys.")
                                    .acceptUndeclaredKeys()
                                    .build())
                    .group(GROUP_SPEC)
                    .build();

    static boolean isCidr(String value) {
        if (value.isBlank()) {
            return true;
        }
        try {
            CidrRange.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A local path must exist where the job is built (the client, which on a local cluster and on
     * MSF sees the same files as the task managers); other locations are checked when opened.
     */
    static boolean isReadableDatabase(String location) {
        return location.startsWith("classpath:")
                || location.contains("://")
                || new File(location).isFile();
    }
}
