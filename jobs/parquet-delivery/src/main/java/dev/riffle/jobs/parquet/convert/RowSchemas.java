package dev.riffle.jobs.parquet.convert;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.formats.avro.typeutils.AvroSchemaConverter;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The row schema of the lake, as an Avro record schema (what parquet-avro writes from), read from
 * one of: Avro schema JSON, an Avro schema file, or a SQL-style column list such as {@code eventId
 * STRING NOT NULL, amount DECIMAL(12, 2), occurredAt TIMESTAMP(3), device ROW<id STRING, os
 * STRING>}.
 *
 * <p>{@link #check} rejects what the JSON converter cannot fill: unions other than {@code [null,
 * T]}, and a top level that is not a record.
 */
@PublicEvolving
public final class RowSchemas {

    /** Prefix of a file location that names a resource on the job's classpath. */
    public static final String CLASSPATH_PREFIX = "classpath:";

    private RowSchemas() {}

    /** Parses Avro schema JSON. */
    public static Schema fromAvroJson(String json) {
        try {
            return check(new Schema.Parser().parse(json));
        } catch (SchemaParseException e) {
            throw new IllegalArgumentException(
                    "It is not a valid Avro schema: " + e.getMessage(), e);
        }
    }

    /** Reads an Avro schema from a file path, or {@code classpath:name.avsc}. */
    public static Schema fromAvroFile(String location, ClassLoader classLoader) {
        String json;
        try {
            if (location.startsWith(CLASSPATH_PREFIX)) {
                String name = location.substring(CLASSPATH_PREFIX.length());
                name = name.startsWith("/") ? name.substring(1) : name;
                try (InputStream in = classLoader.getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IllegalArgumentException(
                                String.format("no resource '%s' on the job's classpath", name));
                    }
                    json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } else {
                json = Files.readString(Path.of(location), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    String.format("cannot read '%s': %s", location, e), e);
        }
        return fromAvroJson(json);
    }

    /**
     * Converts a SQL-style column list ({@code name TYPE [NOT NULL], ...}, Flink SQL types) to an
     * Avro record schema named {@code recordName}. Columns are nullable unless NOT NULL.
     */
    public static Schema fromColumns(String columns, String recordName) {
        org.apache.flink.table.types.logical.LogicalType type;
        try {
            type =
                    LogicalTypeParser.parse(
                            "ROW<" + columns + ">", RowSchemas.class.getClassLoader());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "It is not a column list of Flink SQL types (name TYPE [NOT NULL], ...): "
                            + e.getMessage(),
                    e);
        }
        RowType row = (RowType) type.copy(false);
        try {
            return check(AvroSchemaConverter.convertToSchema(row, recordName));
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException(
                    "A column type has no Parquet mapping: " + e.getMessage(), e);
        }
    }

    /** Checks that the JSON converter supports every type in the schema; lists what it does not. */
    public static Schema check(Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(
                    "The schema must be a record (one column per field), not " + schema.getType());
        }
        List<String> problems = new ArrayList<>();
        checkFields(schema, "", problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "The schema uses types the JSON conversion does not support: "
                            + String.join("; ", problems));
        }
        return schema;
    }

    private static void checkFields(Schema record, String path, List<String> problems) {
        for (Schema.Field f : record.getFields()) {
            checkType(f.schema(), path + f.name(), problems);
        }
    }

    private static void checkType(Schema s, String path, List<String> problems) {
        switch (s.getType()) {
            case UNION:
                List<Schema> branches = s.getTypes();
                long nonNull =
                        branches.stream().filter(b -> b.getType() != Schema.Type.NULL).count();
                if (nonNull != 1) {
                    problems.add(
                            String.format(
                                    "'%s' is a union %s; only [\"null\", T] is supported",
                                    path, branches));
                    return;
                }
                branches.stream()
                        .filter(b -> b.getType() != Schema.Type.NULL)
                        .forEach(b -> checkType(b, path, problems));
                return;
            case RECORD:
                checkFields(s, path + ".", problems);
                return;
            case ARRAY:
                checkType(s.getElementType(), path + "[]", problems);
                return;
            case MAP:
                checkType(s.getValueType(), path + "{}", problems);
                return;
            case NULL:
                problems.add(String.format("'%s' has type null", path));
                return;
            case INT:
            case LONG:
                LogicalType lt = s.getLogicalType();
                if (lt != null
                        && !(lt instanceof LogicalTypes.Date
                                || lt instanceof LogicalTypes.TimeMillis
                                || lt instanceof LogicalTypes.TimeMicros
                                || lt instanceof LogicalTypes.TimestampMillis
                                || lt instanceof LogicalTypes.TimestampMicros
                                || lt instanceof LogicalTypes.LocalTimestampMillis
                                || lt instanceof LogicalTypes.LocalTimestampMicros)) {
                    problems.add(
                            String.format(
                                    "'%s' has unsupported logical type %s", path, lt.getName()));
                }
                return;
            default:
                // BOOLEAN, FLOAT, DOUBLE, STRING, BYTES, FIXED, ENUM (+ decimal) are fine.
        }
    }
}
