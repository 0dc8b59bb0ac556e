package dev.riffle.jobs.parquet.config;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.util.List;
import java.util.Map;

/** Property group {@code schema}: the rows' columns and how JSON maps to them. */
@PublicEvolving
public final class SchemaOptions {

    public static final String GROUP = "schema";

    public static final ConfigOption<String> COLUMNS =
            ConfigOptions.key("columns")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Columns as a SQL-style list of Flink SQL types, e.g. 'eventId STRING"
                                    + " NOT NULL, amount DECIMAL(12, 2), occurredAt TIMESTAMP(3),"
                                    + " device ROW<os STRING>'. Set exactly one of columns,"
                                    + " avro-schema and avro-schema-file.");

    public static final ConfigOption<String> AVRO_SCHEMA =
            ConfigOptions.key("avro-schema")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("An Avro record schema, as JSON text.");

    public static final ConfigOption<String> AVRO_SCHEMA_FILE =
            ConfigOptions.key("avro-schema-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "An Avro schema file: a path, or classpath:name.avsc for one"
                                    + " bundled in the job jar.");

    public static final ConfigOption<String> RECORD_NAME =
            ConfigOptions.key("record-name")
                    .stringType()
                    .defaultValue("Row")
                    .withDescription("Name of the row record when the schema comes from columns.");

    public static final ConfigOption<Boolean> CASE_INSENSITIVE =
            ConfigOptions.key("json.case-insensitive")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Match JSON keys to columns ignoring case (OpenX CaseInsensitive).");

    public static final ConfigOption<Map<String, String>> COLUMN_TO_JSON_KEY =
            ConfigOptions.key("json.column-to-key-mappings")
                    .mapType()
                    .noDefaultValue()
                    .withDescription(
                            "Top-level columns read from a differently named JSON key, as"
                                    + " COLUMN:KEY pairs, e.g. 'ts:timestamp' (OpenX"
                                    + " ColumnToJsonKeyMappings).");

    public static final ConfigOption<Boolean> DOTS_TO_UNDERSCORES =
            ConfigOptions.key("json.convert-dots-in-keys-to-underscores")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Read JSON key 'a.b' as column 'a_b' (OpenX"
                                    + " ConvertDotsInJsonKeysToUnderscores).");

    public static final ConfigOption<List<String>> TIMESTAMP_FORMATS =
            ConfigOptions.key("json.timestamp-formats")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Extra DateTimeFormatter patterns for timestamp strings, tried before"
                                    + " ISO-8601 and 'yyyy-MM-dd HH:mm:ss[.f]'; the entry 'millis'"
                                    + " reads numbers as epoch milliseconds instead of (fractional)"
                                    + " epoch seconds. Separate entries with ';'.");

    private SchemaOptions() {}
}
