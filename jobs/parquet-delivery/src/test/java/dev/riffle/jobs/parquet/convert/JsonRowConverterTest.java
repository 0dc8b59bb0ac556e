package dev.riffle.jobs.parquet.convert;

import dev.riffle.jobs.parquet.record.ErrorCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonRowConverterTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static final Schema SCHEMA =
            RowSchemas.fromColumns(
                    "eventId STRING NOT NULL, count INT, total BIGINT, ratio DOUBLE, ok BOOLEAN,"
                        + " amount DECIMAL(10, 2), ts TIMESTAMP(3), `day` DATE, user_agent STRING,"
                        + " device ROW<os STRING, version INT>, tags ARRAY<STRING>, attrs"
                        + " MAP<STRING, INT>, payload STRING",
                    "Row");

    static GenericRecord convert(String json, JsonOptions options) throws Exception {
        return new JsonRowConverter(SCHEMA, options).convert(MAPPER.readTree(json));
    }

    static GenericRecord convert(String json) throws Exception {
        return convert(json, JsonOptions.defaults());
    }

    @Test
    void fillsEveryTypeAndNestedStructs() throws Exception {
        GenericRecord r =
                convert(
                        "{\"eventId\":\"e-1\",\"count\":\"42\",\"total\":9000000000,\"ratio\":0.5,"
                            + "\"ok\":\"true\",\"amount\":12.345,\"ts\":\"2024-05-01T12:00:00.250Z\","
                            + "\"day\":\"2024-05-01\",\"device\":{\"OS\":\"ios\",\"version\":17},"
                            + "\"tags\":[\"a\",\"b\"],\"attrs\":{\"x\":1},\"payload\":{\"k\":[1,2]}}");
        assertThat(r.get("eventId").toString()).isEqualTo("e-1");
        assertThat(r.get("count")).isEqualTo(42);
        assertThat(r.get("total")).isEqualTo(9_000_000_000L);
        assertThat(r.get("ratio")).isEqualTo(0.5);
        assertThat(r.get("ok")).isEqualTo(true);
        Schema amountSchema = JsonRowConverter.nonNull(SCHEMA.getField("amount").schema());
        assertThat(
                        new Conversions.DecimalConversion()
                                .fromBytes(
                                        (ByteBuffer) r.get("amount"),
                                        amountSchema,
                                        amountSchema.getLogicalType()))
                .isEqualTo(new BigDecimal("12.35"));
        assertThat(r.get("ts")).isEqualTo(Instant.parse("2024-05-01T12:00:00.250Z").toEpochMilli());
        assertThat(r.get("day")).isEqualTo((int) LocalDate.parse("2024-05-01").toEpochDay());
        GenericRecord device = (GenericRecord) r.get("device");
        assertThat(device.get("os").toString()).isEqualTo("ios");
        assertThat(device.get("version")).isEqualTo(17);
        assertThat(((List<?>) r.get("tags")).stream().map(Object::toString))
                .containsExactly("a", "b");
        assertThat(new java.util.ArrayList<Object>(((Map<?, ?>) r.get("attrs")).values()))
                .containsExactly(1);
        assertThat(r.get("payload").toString()).isEqualTo("{\"k\":[1,2]}");
    }

    @Test
    void timestampsInEveryFirehoseFormat() throws Exception {
        long expected = Instant.parse("2018-02-07T19:58:48.123Z").toEpochMilli();
        assertThat(convert("{\"eventId\":\"e\",\"ts\":\"2018-02-07T19:58:48.123Z\"}").get("ts"))
                .isEqualTo(expected);
        assertThat(
                        convert("{\"eventId\":\"e\",\"ts\":\"2018-02-07T20:58:48.123+01:00\"}")
                                .get("ts"))
                .isEqualTo(expected);
        assertThat(convert("{\"eventId\":\"e\",\"ts\":\"2018-02-07 19:58:48.123\"}").get("ts"))
                .isEqualTo(expected);
        assertThat(convert("{\"eventId\":\"e\",\"ts\":1518033528.123}").get("ts"))
                .isEqualTo(expected);
        assertThat(convert("{\"eventId\":\"e\",\"ts\":1518033528}").get("ts"))
                .isEqualTo(expected - 123);
        JsonOptions millis = new JsonOptions(true, Map.of(), false, List.of(JsonOptions.MILLIS));
        assertThat(convert("{\"eventId\":\"e\",\"ts\":1518033528123}", millis).get("ts"))
                .isEqualTo(expected);
        JsonOptions custom =
                new JsonOptions(true, Map.of(), false, List.of("dd/MM/yyyy HH:mm:ss.SSS"));
        assertThat(
                        convert("{\"eventId\":\"e\",\"ts\":\"07/02/2018 19:58:48.123\"}", custom)
                                .get("ts"))
                .isEqualTo(expected);
    }

    @Test
    void keysAreMatchedIgnoringCaseUnlessTurnedOff() throws Exception {
        assertThat(convert("{\"EVENTID\":\"e\",\"Count\":3}").get("count")).isEqualTo(3);
        JsonOptions exact = new JsonOptions(false, Map.of(), false, List.of());
        assertThat(convert("{\"eventId\":\"e\",\"Count\":3}", exact).get("count")).isNull();
    }

    @Test
    void columnToKeyMappingsAndDotsToUnderscores() throws Exception {
        JsonOptions options = new JsonOptions(true, Map.of("eventId", "id"), true, List.of());
        GenericRecord r = convert("{\"id\":\"e-9\",\"user.agent\":\"curl\"}", options);
        assertThat(r.get("eventId").toString()).isEqualTo("e-9");
        assertThat(r.get("user_agent").toString()).isEqualTo("curl");
    }

    @Test
    void unknownFieldsAreDroppedAndCounted() throws Exception {
        JsonRowConverter c = new JsonRowConverter(SCHEMA, JsonOptions.defaults());
        c.convert(MAPPER.readTree("{\"eventId\":\"e\",\"x\":1,\"device\":{\"os\":\"a\",\"y\":2}}"));
        assertThat(c.droppedFields()).isEqualTo(2);
    }

    @Test
    void failuresNameTheFieldAndTheProblem() {
        assertFails(
                "{\"count\":1}",
                ErrorCode.MISSING_REQUIRED_FIELD,
                "Field 'eventId' is required (NOT NULL) but missing");
        assertFails(
                "{\"eventId\":\"e\",\"count\":\"many\"}",
                ErrorCode.INVALID_VALUE,
                "Field 'count': 'many' is not a whole number");
        assertFails(
                "{\"eventId\":\"e\",\"count\":3000000000}",
                ErrorCode.INVALID_VALUE,
                "Field 'count': '3000000000' is out of range for INT");
        assertFails(
                "{\"eventId\":\"e\",\"amount\":123456789.5}",
                ErrorCode.INVALID_VALUE,
                "does not fit DECIMAL(10, 2)");
        assertFails(
                "{\"eventId\":\"e\",\"ts\":\"yesterday\"}",
                ErrorCode.INVALID_VALUE,
                "Field 'ts': 'yesterday' is not a timestamp");
        assertFails(
                "{\"eventId\":\"e\",\"device\":{\"version\":\"x\"}}",
                ErrorCode.INVALID_VALUE,
                "Field 'device.version'");
        assertFails(
                "{\"eventId\":\"e\",\"tags\":\"a\"}",
                ErrorCode.INVALID_VALUE,
                "Field 'tags': 'a' is not an array");
    }

    private static void assertFails(String json, ErrorCode code, String message) {
        assertThatThrownBy(() -> convert(json))
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((ConversionException) e).code()).isEqualTo(code));
    }

    @Test
    void schemasFromColumnsAvroJsonAndTheirLimits() {
        Schema ts = JsonRowConverter.nonNull(SCHEMA.getField("ts").schema());
        assertThat(ts.getLogicalType()).isInstanceOf(LogicalTypes.TimestampMillis.class);
        assertThat(SCHEMA.getField("eventId").schema().getType()).isEqualTo(Schema.Type.STRING);
        assertThatThrownBy(() -> RowSchemas.fromColumns("a STRNG", "Row"))
                .hasMessageContaining("A column type has no Parquet mapping")
                .hasMessageContaining("STRNG");
        assertThatThrownBy(() -> RowSchemas.fromColumns("a STRING,, b INT", "Row"))
                .hasMessageContaining("not a column list of Flink SQL types");
        assertThatThrownBy(
                        () ->
                                RowSchemas.fromAvroJson(
                                        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"u\","
                                            + "\"type\":[\"null\",\"string\",\"long\"]}]}"))
                .hasMessageContaining("'u' is a union")
                .hasMessageContaining("only [\"null\", T] is supported");
        assertThatThrownBy(() -> RowSchemas.fromAvroJson("{\"type\":\"string\"}"))
                .hasMessageContaining("must be a record");
    }

    @Test
    void pathsFollowTheJqSubset() throws Exception {
        JsonNode root = MAPPER.readTree("{\"type\":{\"Device\":\"m\"},\"odd key\":{\"x\":1}}");
        assertThat(JsonPath.parse(".type.device").find(root, true).asText()).isEqualTo("m");
        assertThat(JsonPath.parse(".type.device").find(root, false)).isNull();
        assertThat(JsonPath.parse(".[\"odd key\"].x").find(root, false).asInt()).isEqualTo(1);
        assertThatThrownBy(() -> JsonPath.parse("type | .x"))
                .hasMessageContaining("must start with '.'");
        assertThatThrownBy(() -> JsonPath.parse(".a | b"))
                .hasMessageContaining("not allowed in a key");
    }
}
