package dev.riffle.jobs.parquet.convert;

import dev.riffle.jobs.parquet.record.ErrorCode;

import org.apache.flink.annotation.Internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts a parsed JSON object into an Avro record of the lake's schema, with the OpenX JSON SerDe
 * behaviour Firehose users expect:
 *
 * <ul>
 *   <li>keys match columns ignoring case (unless turned off), through column-to-key mappings, and
 *       with dots read as underscores when asked;
 *   <li>keys that are not columns are dropped and counted ({@link #droppedFields()});
 *   <li>nested objects fill record (struct) columns, arrays fill lists, objects fill maps;
 *   <li>scalars are coerced where the meaning is unambiguous: "42" into an int, 42 into a string,
 *       "true" into a boolean, a JSON object or array into a string column as its JSON text;
 *   <li>timestamps are read by {@link TimestampParser} and stored in the column's unit (UTC).
 * </ul>
 *
 * <p>A missing or null value makes a nullable column null, uses the field's default if it has one,
 * and otherwise fails the record. Not thread-safe: one per subtask.
 */
@Internal
public final class JsonRowConverter {

    private static final Conversions.DecimalConversion DECIMALS =
            new Conversions.DecimalConversion();

    private final JsonOptions options;
    private final TimestampParser timestamps;
    private final Map<Schema, RecordPlan> plans = new IdentityHashMap<>();
    private final Schema schema;
    private long droppedFields;

    public JsonRowConverter(Schema schema, JsonOptions options) {
        this.schema = schema;
        this.options = options;
        this.timestamps = new TimestampParser(options);
        plan(schema, true);
    }

    /** Fields dropped so far because no column matched their key (running total). */
    public long droppedFields() {
        return droppedFields;
    }

    public TimestampParser timestamps() {
        return timestamps;
    }

    /** Converts a JSON object into a record of the schema. */
    public GenericRecord convert(JsonNode object) throws ConversionException {
        return convertRecord(object, schema, "");
    }

    private GenericRecord convertRecord(JsonNode object, Schema recordSchema, String path)
            throws ConversionException {
        RecordPlan plan = plans.get(recordSchema);
        JsonNode[] values = new JsonNode[plan.fields.length];
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Integer index = plan.lookup(e.getKey());
            if (index == null) {
                droppedFields++;
            } else {
                values[index] = e.getValue();
            }
        }
        GenericData.Record record = new GenericData.Record(recordSchema);
        for (int i = 0; i < plan.fields.length; i++) {
            Schema.Field field = plan.fields[i];
            JsonNode value = values[i];
            String fieldPath = path + field.name();
            if (value == null || value.isNull()) {
                if (plan.nullable[i]) {
                    continue;
                }
                if (field.hasDefaultValue()) {
                    record.put(i, GenericData.get().getDefaultValue(field));
                    continue;
                }
                throw new ConversionException(
                        ErrorCode.MISSING_REQUIRED_FIELD,
                        String.format(
                                "Field '%s' is required (NOT NULL) but %s",
                                fieldPath, value == null ? "missing" : "null"));
            }
            record.put(i, convertValue(value, plan.types[i], fieldPath));
        }
        return record;
    }

    private Object convertValue(JsonNode value, Schema type, String path)
            throws ConversionException {
        switch (type.getType()) {
            case STRING:
                if (value.isTextual()) {
                    return new Utf8(value.textValue());
                }
                return new Utf8(value.isValueNode() ? value.asText() : value.toString());
            case BOOLEAN:
                if (value.isBoolean()) {
                    return value.booleanValue();
                }
                if (value.isTextual()) {
                    String t = value.textValue().trim();
                    if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                        return Boolean.parseBoolean(t);
                    }
                }
                throw invalid(path, value, "is not a boolean");
            case INT:
                return convertInt(value, type, path);
            case LONG:
                return convertLong(value, type, path);
            case FLOAT:
                return (float) toDouble(value, path);
            case DOUBLE:
                return toDouble(value, path);
            case BYTES:
                if (type.getLogicalType() instanceof LogicalTypes.Decimal) {
                    LogicalTypes.Decimal d = (LogicalTypes.Decimal) type.getLogicalType();
                    return DECIMALS.toBytes(toDecimal(value, d, path), type, d);
                }
                return ByteBuffer.wrap(text(value, path).getBytes(StandardCharsets.UTF_8));
            case FIXED:
                if (type.getLogicalType() instanceof LogicalTypes.Decimal) {
                    LogicalTypes.Decimal d = (LogicalTypes.Decimal) type.getLogicalType();
                    return DECIMALS.toFixed(toDecimal(value, d, path), type, d);
                }
                byte[] bytes = text(value, path).getBytes(StandardCharsets.UTF_8);
                if (bytes.length != type.getFixedSize()) {
                    throw invalid(path, value, "does not have " + type.getFixedSize() + " bytes");
                }
                return new GenericData.Fixed(type, bytes);
            case ENUM:
                String symbol = text(value, path);
                if (!type.hasEnumSymbol(symbol)) {
                    throw invalid(path, value, "is not one of " + type.getEnumSymbols());
                }
                return new GenericData.EnumSymbol(type, symbol);
            case RECORD:
                if (!value.isObject()) {
                    throw invalid(path, value, "is not an object");
                }
                return convertRecord(value, type, path + ".");
            case ARRAY:
                if (!value.isArray()) {
                    throw invalid(path, value, "is not an array");
                }
                Schema element = nonNull(type.getElementType());
                boolean nullableElements = isNullable(type.getElementType());
                List<Object> list = new ArrayList<>(value.size());
                for (int i = 0; i < value.size(); i++) {
                    JsonNode item = value.get(i);
                    if (item.isNull()) {
                        if (!nullableElements) {
                            throw invalid(path + "[" + i + "]", item, "is null");
                        }
                        list.add(null);
                    } else {
                        list.add(convertValue(item, element, path + "[" + i + "]"));
                    }
                }
                return new GenericData.Array<>(type, list);
            case MAP:
                if (!value.isObject()) {
                    throw invalid(path, value, "is not an object");
                }
                Schema valueType = nonNull(type.getValueType());
                boolean nullableValues = isNullable(type.getValueType());
                Map<Utf8, Object> map = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = value.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String entryPath = path + "." + e.getKey();
                    if (e.getValue().isNull()) {
                        if (!nullableValues) {
                            throw invalid(entryPath, e.getValue(), "is null");
                        }
                        map.put(new Utf8(e.getKey()), null);
                    } else {
                        map.put(
                                new Utf8(e.getKey()),
                                convertValue(e.getValue(), valueType, entryPath));
                    }
                }
                return map;
            default:
                throw new IllegalStateException("Unsupported type " + type);
        }
    }

    private Object convertInt(JsonNode value, Schema type, String path) throws ConversionException {
        LogicalType lt = type.getLogicalType();
        if (lt instanceof LogicalTypes.Date) {
            if (value.isIntegralNumber()) {
                return value.asInt();
            }
            try {
                String t = text(value, path).trim();
                return (int) LocalDate.parse(t.length() > 10 ? t.substring(0, 10) : t).toEpochDay();
            } catch (DateTimeException e) {
                throw invalid(path, value, "is not a date (yyyy-MM-dd)");
            }
        }
        if (lt instanceof LogicalTypes.TimeMillis) {
            if (value.isIntegralNumber()) {
                return value.asInt();
            }
            try {
                return (int) (LocalTime.parse(text(value, path).trim()).toNanoOfDay() / 1_000_000L);
            } catch (DateTimeException e) {
                throw invalid(path, value, "is not a time of day (HH:mm:ss[.SSS])");
            }
        }
        long v = toLong(value, path);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw invalid(path, value, "is out of range for INT");
        }
        return (int) v;
    }

    private Object convertLong(JsonNode value, Schema type, String path)
            throws ConversionException {
        LogicalType lt = type.getLogicalType();
        if (lt == null) {
            return toLong(value, path);
        }
        if (lt instanceof LogicalTypes.TimeMicros) {
            if (value.isIntegralNumber()) {
                return value.asLong();
            }
            try {
                return LocalTime.parse(text(value, path).trim()).toNanoOfDay() / 1000L;
            } catch (DateTimeException e) {
                throw invalid(path, value, "is not a time of day (HH:mm:ss[.SSSSSS])");
            }
        }
        long micros;
        try {
            micros = timestamps.micros(value);
        } catch (DateTimeException | ArithmeticException e) {
            throw new ConversionException(
                    ErrorCode.INVALID_VALUE, String.format("Field '%s': %s", path, e.getMessage()));
        }
        if (lt instanceof LogicalTypes.TimestampMillis
                || lt instanceof LogicalTypes.LocalTimestampMillis) {
            return Math.floorDiv(micros, 1000L);
        }
        return micros;
    }

    private static long toLong(JsonNode value, String path) throws ConversionException {
        if (value.isIntegralNumber()) {
            if (!value.canConvertToLong()) {
                throw invalid(path, value, "is out of range for BIGINT");
            }
            return value.longValue();
        }
        if (value.isNumber()) {
            BigDecimal d = value.decimalValue();
            if (d.stripTrailingZeros().scale() <= 0) {
                try {
                    return d.longValueExact();
                } catch (ArithmeticException e) {
                    throw invalid(path, value, "is out of range for BIGINT");
                }
            }
            throw invalid(path, value, "is not a whole number");
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.textValue().trim());
            } catch (NumberFormatException e) {
                throw invalid(path, value, "is not a whole number");
            }
        }
        throw invalid(path, value, "is not a whole number");
    }

    private static double toDouble(JsonNode value, String path) throws ConversionException {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            try {
                return Double.parseDouble(value.textValue().trim());
            } catch (NumberFormatException e) {
                throw invalid(path, value, "is not a number");
            }
        }
        throw invalid(path, value, "is not a number");
    }

    private static BigDecimal toDecimal(JsonNode value, LogicalTypes.Decimal type, String path)
            throws ConversionException {
        BigDecimal d;
        if (value.isNumber()) {
            d = value.decimalValue();
        } else if (value.isTextual()) {
            try {
                d = new BigDecimal(value.textValue().trim());
            } catch (NumberFormatException e) {
                throw invalid(path, value, "is not a decimal");
            }
        } else {
            throw invalid(path, value, "is not a decimal");
        }
        BigDecimal scaled = d.setScale(type.getScale(), RoundingMode.HALF_UP);
        BigInteger unscaled = scaled.unscaledValue().abs();
        if (unscaled.toString().length() > type.getPrecision()) {
            throw invalid(
                    path,
                    value,
                    String.format(
                            "does not fit DECIMAL(%d, %d)", type.getPrecision(), type.getScale()));
        }
        return scaled;
    }

    private static String text(JsonNode value, String path) throws ConversionException {
        if (value.isValueNode()) {
            return value.asText();
        }
        throw invalid(path, value, "is not a scalar");
    }

    private static ConversionException invalid(String path, JsonNode value, String why) {
        String shown =
                value.isContainerNode()
                        ? (value.isArray() ? "an array" : "an object")
                        : "'" + TimestampParser.abbreviate(value.asText()) + "'";
        return new ConversionException(
                ErrorCode.INVALID_VALUE, String.format("Field '%s': %s %s", path, shown, why));
    }

    static boolean isNullable(Schema s) {
        return s.getType() == Schema.Type.UNION
                && s.getTypes().stream().anyMatch(b -> b.getType() == Schema.Type.NULL);
    }

    static Schema nonNull(Schema s) {
        if (s.getType() != Schema.Type.UNION) {
            return s;
        }
        for (Schema b : s.getTypes()) {
            if (b.getType() != Schema.Type.NULL) {
                return b;
            }
        }
        throw new IllegalStateException("union of nulls " + s);
    }

    private void plan(Schema recordSchema, boolean topLevel) {
        if (plans.containsKey(recordSchema)) {
            return;
        }
        RecordPlan plan = new RecordPlan(recordSchema, options, topLevel);
        plans.put(recordSchema, plan);
        for (Schema type : plan.types) {
            planNested(type);
        }
    }

    private void planNested(Schema type) {
        switch (type.getType()) {
            case RECORD:
                plan(type, false);
                break;
            case ARRAY:
                planNested(nonNull(type.getElementType()));
                break;
            case MAP:
                planNested(nonNull(type.getValueType()));
                break;
            default:
        }
    }

    /** How the keys of a JSON object map to the fields of one record schema. */
    private static final class RecordPlan {
        final Schema.Field[] fields;
        final Schema[] types;
        final boolean[] nullable;
        final Map<String, Integer> byKey = new HashMap<>();
        final boolean caseInsensitive;
        final boolean dotsToUnderscores;

        RecordPlan(Schema schema, JsonOptions options, boolean topLevel) {
            this.caseInsensitive = options.caseInsensitive();
            this.dotsToUnderscores = options.dotsToUnderscores();
            List<Schema.Field> list = schema.getFields();
            fields = list.toArray(new Schema.Field[0]);
            types = new Schema[fields.length];
            nullable = new boolean[fields.length];
            for (int i = 0; i < fields.length; i++) {
                Schema.Field f = fields[i];
                types[i] = nonNull(f.schema());
                nullable[i] = isNullable(f.schema());
                String key =
                        topLevel
                                ? options.columnToJsonKey().getOrDefault(f.name(), f.name())
                                : f.name();
                byKey.put(normalize(key), i);
            }
        }

        Integer lookup(String jsonKey) {
            return byKey.get(normalize(jsonKey));
        }

        private String normalize(String key) {
            String k = dotsToUnderscores ? key.replace('.', '_') : key;
            return caseInsensitive ? k.toLowerCase(Locale.ROOT) : k;
        }
    }
}
