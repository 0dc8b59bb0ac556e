package dev.riffle.jobs.parquet.config;

import dev.riffle.common.config.ConfigGroup;
import dev.riffle.common.config.ConfigSchema;
import dev.riffle.common.config.GroupSpec;
import dev.riffle.common.config.InvalidConfigurationException;
import dev.riffle.common.config.JobConfig;
import dev.riffle.common.config.OptionSpec;
import dev.riffle.common.config.Validators;
import dev.riffle.jobs.parquet.convert.JsonOptions;
import dev.riffle.jobs.parquet.convert.RowSchemas;
import dev.riffle.jobs.parquet.convert.TimestampParser;
import dev.riffle.jobs.parquet.prefix.InvalidPrefixException;
import dev.riffle.jobs.parquet.sink.ParquetSettings;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.MemorySize;

import org.apache.avro.Schema;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The job's configuration: its property groups and how they become {@link DeliverySettings}. Every
 * problem is reported at once, naming the group, the key and what is accepted.
 */
@PublicEvolving
public final class ParquetDeliveryConfig {

    /** Property group of the Kinesis source (the connector's own keys). */
    public static final String SOURCE_GROUP = "kinesis-source";

    public static final ConfigSchema SCHEMA =
            ConfigSchema.builder("parquet-delivery")
                    .group(
                            GroupSpec.builder(SOURCE_GROUP)
                                    .description(
                                            "The Kinesis stream to deliver: stream.arn (or"
                                                    + " stream.name with aws.region), aws.*"
                                                    + " connection keys and source.* keys of"
                                                    + " Riffle's Kinesis source.")
                                    .acceptUndeclaredKeys()
                                    .build())
                    .group(
                            GroupSpec.builder(LakeOptions.GROUP)
                                    .description("Where and how files are delivered.")
                                    .required(LakeOptions.PATH)
                                    .optional(LakeOptions.PREFIX)
                                    .optional(LakeOptions.ERROR_PREFIX)
                                    .optional(LakeOptions.PARTITION_KEYS)
                                    .optional(LakeOptions.TIMESTAMP_SOURCE)
                                    .optional(LakeOptions.TIMESTAMP_FIELD)
                                    .option(
                                            OptionSpec.optional(LakeOptions.MAX_OPEN_PARTITIONS)
                                                    .validatedBy(Validators.range(1, 100_000)))
                                    .option(
                                            OptionSpec.optional(LakeOptions.FILE_NAME_PREFIX)
                                                    .validatedBy(
                                                            Validators.pattern(
                                                                    "[A-Za-z0-9][A-Za-z0-9_.-]*",
                                                                    "letters, digits, '_', '.',"
                                                                            + " '-', not starting"
                                                                            + " with '.' or '_'")))
                                    .option(
                                            OptionSpec.optional(LakeOptions.ROLLING_MAX_FILE_SIZE)
                                                    .validatedBy(
                                                            Validators.atLeast(
                                                                    MemorySize.parse("1mb"))))
                                    .option(
                                            OptionSpec.optional(
                                                            LakeOptions.ROLLING_INACTIVITY_INTERVAL)
                                                    .validatedBy(
                                                            Validators.atLeast(
                                                                    Duration.ofSeconds(1))))
                                    .option(
                                            OptionSpec.optional(LakeOptions.ROLLING_CHECK_INTERVAL)
                                                    .validatedBy(
                                                            Validators.atLeast(
                                                                    Duration.ofMillis(100))))
                                    .optional(LakeOptions.DEDUPE_FIELD)
                                    .option(
                                            OptionSpec.optional(LakeOptions.DEDUPE_WINDOW)
                                                    .validatedBy(
                                                            Validators.atLeast(
                                                                    Duration.ofSeconds(1))))
                                    .optional(LakeOptions.COMPACTION_ENABLED)
                                    .optional(LakeOptions.COMPACTION_SIZE_THRESHOLD)
                                    .option(
                                            OptionSpec.optional(LakeOptions.COMPACTION_CHECKPOINTS)
                                                    .validatedBy(Validators.atLeast(1)))
                                    .build())
                    .group(
                            GroupSpec.builder(SchemaOptions.GROUP)
                                    .description("The rows' columns and how JSON maps to them.")
                                    .optional(SchemaOptions.COLUMNS)
                                    .optional(SchemaOptions.AVRO_SCHEMA)
                                    .optional(SchemaOptions.AVRO_SCHEMA_FILE)
                                    .optional(SchemaOptions.RECORD_NAME)
                                    .optional(SchemaOptions.CASE_INSENSITIVE)
                                    .optional(SchemaOptions.COLUMN_TO_JSON_KEY)
                                    .optional(SchemaOptions.DOTS_TO_UNDERSCORES)
                                    .optional(SchemaOptions.TIMESTAMP_FORMATS)
                                    .build())
                    .group(
                            GroupSpec.builder(ParquetOptions.GROUP)
                                    .optional()
                                    .description("How Parquet files are encoded.")
                                    .optional(ParquetOptions.COMPRESSION)
                                    .option(
                                            OptionSpec.optional(ParquetOptions.ROW_GROUP_SIZE)
                                                    .validatedBy(
                                                            Validators.atLeast(
                                                                    MemorySize.parse("1mb"))))
                                    .option(
                                            OptionSpec.optional(ParquetOptions.PAGE_SIZE)
                                                    .validatedBy(
                                                            Validators.range(
                                                                    MemorySize.parse("1kb"),
                                                                    MemorySize.parse("64mb"))))
                                    .optional(ParquetOptions.DICTIONARY_ENCODING)
                                    .optional(ParquetOptions.WRITER_VERSION)
                                    .build())
                    .build();

    private ParquetDeliveryConfig() {}

    /**
     * The delivery settings of a loaded configuration.
     *
     * @throws InvalidConfigurationException listing every problem
     */
    public static DeliverySettings settings(JobConfig config, ClassLoader classLoader) {
        List<String> problems = new ArrayList<>();
        ConfigGroup lake = config.group(LakeOptions.GROUP);
        ConfigGroup schemaGroup = config.group(SchemaOptions.GROUP);
        ConfigGroup parquetGroup = config.group(ParquetOptions.GROUP);

        String path = lake.get(LakeOptions.PATH);
        checkPath(path, problems);
        Schema schema = schema(schemaGroup, classLoader, problems);
        JsonOptions json = jsonOptions(schemaGroup, problems);

        if (schema == null) {
            throw new InvalidConfigurationException(config.source(), problems);
        }
        DeliverySettings.Builder b = DeliverySettings.builder(path == null ? "" : path, schema);
        b.json(json);
        b.prefix(lake.get(LakeOptions.PREFIX));
        lake.getOptional(LakeOptions.ERROR_PREFIX).ifPresent(b::errorPrefix);
        for (Map.Entry<String, String> e :
                lake.getOptional(LakeOptions.PARTITION_KEYS).orElse(Map.of()).entrySet()) {
            try {
                b.partitionKey(e.getKey(), e.getValue());
            } catch (IllegalArgumentException ex) {
                problems.add(
                        key(LakeOptions.GROUP, LakeOptions.PARTITION_KEYS.key())
                                + ": partition key '"
                                + e.getKey()
                                + "': "
                                + ex.getMessage());
            }
        }
        if (lake.get(LakeOptions.TIMESTAMP_SOURCE) == TimestampSource.EVENT_TIME) {
            String field = lake.getOptional(LakeOptions.TIMESTAMP_FIELD).orElse(null);
            if (field == null) {
                problems.add(
                        String.format(
                                "Missing %s: %s=EVENT_TIME needs the path of the record's event"
                                        + " time, e.g. .occurredAt",
                                key(LakeOptions.GROUP, LakeOptions.TIMESTAMP_FIELD.key()),
                                key(LakeOptions.GROUP, LakeOptions.TIMESTAMP_SOURCE.key())));
            } else {
                try {
                    b.eventTime(field);
                } catch (IllegalArgumentException ex) {
                    problems.add(
                            key(LakeOptions.GROUP, LakeOptions.TIMESTAMP_FIELD.key())
                                    + ": "
                                    + ex.getMessage());
                }
            }
        } else if (lake.getOptional(LakeOptions.TIMESTAMP_FIELD).isPresent()) {
            problems.add(
                    String.format(
                            "%s is set but %s is ARRIVAL_TIME; set %s=EVENT_TIME to use it",
                            key(LakeOptions.GROUP, LakeOptions.TIMESTAMP_FIELD.key()),
                            key(LakeOptions.GROUP, LakeOptions.TIMESTAMP_SOURCE.key()),
                            key(LakeOptions.GROUP, LakeOptions.TIMESTAMP_SOURCE.key())));
        }
        String dedupeField = lake.getOptional(LakeOptions.DEDUPE_FIELD).orElse(null);
        if (dedupeField != null) {
            try {
                b.dedupe(dedupeField, lake.get(LakeOptions.DEDUPE_WINDOW));
            } catch (IllegalArgumentException ex) {
                problems.add(
                        key(LakeOptions.GROUP, LakeOptions.DEDUPE_FIELD.key())
                                + ": "
                                + ex.getMessage());
            }
        } else if (lake.getOptional(LakeOptions.DEDUPE_WINDOW).isPresent()) {
            problems.add(
                    String.format(
                            "%s is set but %s is not; set %s (e.g. .eventId) to deduplicate",
                            key(LakeOptions.GROUP, LakeOptions.DEDUPE_WINDOW.key()),
                            key(LakeOptions.GROUP, LakeOptions.DEDUPE_FIELD.key()),
                            key(LakeOptions.GROUP, LakeOptions.DEDUPE_FIELD.key())));
        }
        b.maxOpenPartitions(lake.get(LakeOptions.MAX_OPEN_PARTITIONS));
        b.fileNamePrefix(lake.get(LakeOptions.FILE_NAME_PREFIX));
        b.rolling(
                lake.get(LakeOptions.ROLLING_MAX_FILE_SIZE).getBytes(),
                lake.get(LakeOptions.ROLLING_INACTIVITY_INTERVAL),
                lake.get(LakeOptions.ROLLING_CHECK_INTERVAL));
        if (lake.get(LakeOptions.COMPACTION_ENABLED)) {
            b.compaction(
                    lake.get(LakeOptions.COMPACTION_SIZE_THRESHOLD).getBytes(),
                    lake.get(LakeOptions.COMPACTION_CHECKPOINTS));
        }
        b.parquet(
                new ParquetSettings(
                        parquetGroup.get(ParquetOptions.COMPRESSION),
                        parquetGroup.get(ParquetOptions.ROW_GROUP_SIZE).getBytes(),
                        (int) parquetGroup.get(ParquetOptions.PAGE_SIZE).getBytes(),
                        parquetGroup.get(ParquetOptions.DICTIONARY_ENCODING),
                        parquetGroup.get(ParquetOptions.WRITER_VERSION)));
        DeliverySettings settings = null;
        try {
            settings = b.build();
        } catch (InvalidPrefixException e) {
            e.problems()
                    .forEach(
                            p ->
                                    problems.add(
                                            String.format(
                                                    "Invalid value for configuration %s/%s: %s",
                                                    key(
                                                            LakeOptions.GROUP,
                                                            LakeOptions.PREFIX.key()),
                                                    LakeOptions.ERROR_PREFIX.key(),
                                                    p)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(config.source(), problems);
        }
        return settings;
    }

    private static void checkPath(String path, List<String> problems) {
        if (path == null) {
            return; // reported by the loader as a missing required key
        }
        String k = key(LakeOptions.GROUP, LakeOptions.PATH.key());
        try {
            URI uri = new URI(path);
            String scheme = uri.getScheme();
            if (scheme == null) {
                problems.add(
                        String.format(
                                "Invalid value '%s' for configuration %s: it has no scheme."
                                        + " Accepted: file:///absolute/path or s3://bucket/path",
                                path, k));
            }
        } catch (java.net.URISyntaxException e) {
            problems.add(
                    String.format(
                            "Invalid value '%s' for configuration %s: %s. Accepted:"
                                    + " file:///absolute/path or s3://bucket/path",
                            path, k, e.getMessage()));
        }
    }

    private static Schema schema(
            ConfigGroup group, ClassLoader classLoader, List<String> problems) {
        List<String> given = new ArrayList<>();
        group.getOptional(SchemaOptions.COLUMNS)
                .ifPresent(v -> given.add(SchemaOptions.COLUMNS.key()));
        group.getOptional(SchemaOptions.AVRO_SCHEMA)
                .ifPresent(v -> given.add(SchemaOptions.AVRO_SCHEMA.key()));
        group.getOptional(SchemaOptions.AVRO_SCHEMA_FILE)
                .ifPresent(v -> given.add(SchemaOptions.AVRO_SCHEMA_FILE.key()));
        if (given.size() != 1) {
            problems.add(
                    String.format(
                            "Property group '%s' must set exactly one of columns, avro-schema and"
                                    + " avro-schema-file; it sets %s",
                            SchemaOptions.GROUP, given.isEmpty() ? "none" : given));
            return null;
        }
        String which = given.get(0);
        try {
            if (which.equals(SchemaOptions.COLUMNS.key())) {
                return RowSchemas.fromColumns(
                        group.get(SchemaOptions.COLUMNS), group.get(SchemaOptions.RECORD_NAME));
            } else if (which.equals(SchemaOptions.AVRO_SCHEMA.key())) {
                return RowSchemas.fromAvroJson(group.get(SchemaOptions.AVRO_SCHEMA));
            } else {
                return RowSchemas.fromAvroFile(
                        group.get(SchemaOptions.AVRO_SCHEMA_FILE), classLoader);
            }
        } catch (IllegalArgumentException e) {
            problems.add(
                    String.format(
                            "Invalid value for configuration %s: %s",
                            key(SchemaOptions.GROUP, which), e.getMessage()));
            return null;
        }
    }

    private static JsonOptions jsonOptions(ConfigGroup group, List<String> problems) {
        List<String> formats = group.getOptional(SchemaOptions.TIMESTAMP_FORMATS).orElse(List.of());
        for (String f : formats) {
            String problem = TimestampParser.checkPattern(f);
            if (problem != null) {
                problems.add(
                        String.format(
                                "Invalid value '%s' for configuration %s: %s. Accepted: 'millis' or"
                                    + " a DateTimeFormatter pattern such as yyyy-MM-dd'T'HH:mm:ss",
                                f,
                                key(SchemaOptions.GROUP, SchemaOptions.TIMESTAMP_FORMATS.key()),
                                problem));
            }
        }
        return new JsonOptions(
                group.get(SchemaOptions.CASE_INSENSITIVE),
                group.getOptional(SchemaOptions.COLUMN_TO_JSON_KEY).orElse(Map.of()),
                group.get(SchemaOptions.DOTS_TO_UNDERSCORES),
                formats);
    }

    private static String key(String group, String key) {
        return group + "." + key;
    }
}
