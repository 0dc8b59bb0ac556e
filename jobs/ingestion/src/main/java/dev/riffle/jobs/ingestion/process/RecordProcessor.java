package dev.riffle.jobs.ingestion.process;

import dev.riffle.common.deadletter.ErrorType;
import dev.riffle.common.event.Event;
import dev.riffle.common.event.EventSchemas;
import dev.riffle.common.event.EventType;
import dev.riffle.common.event.RawRecord;
import dev.riffle.jobs.ingestion.config.IngestionConfig;

import org.apache.flink.annotation.Internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The ingestion steps for one record, in order: size check, UTF-8 check, parse, schema validation,
 * normalization, internal-traffic filter, geolocation. Plain Java with no Flink in it, so the Flink
 * operator and the benchmark's baseline loop run exactly the same code.
 *
 * <p>Not serializable and not thread-safe (one per operator instance, created in {@code open()}).
 */
@Internal
public final class RecordProcessor implements Closeable {
    private static final int MAX_MESSAGE = 1000;

    private final ObjectMapper mapper;
    private final EventSchemas schemas;
    private final InternalTrafficFilter filter;
    private final GeoLookup geo;
    private final int maxRecordBytes;
    private final long maxFutureSkewMillis;

    public RecordProcessor(IngestionConfig config, EventSchemas schemas, GeoLookup geo) {
        this.mapper =
                new ObjectMapper()
                        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.schemas = schemas;
        this.filter = config.internalTrafficFilter();
        this.geo = geo;
        this.maxRecordBytes = config.maxRecordBytes();
        this.maxFutureSkewMillis = config.maxFutureSkew().toMillis();
    }

    /** Opens the schemas and the configured geolocation database. */
    public static RecordProcessor open(IngestionConfig config) throws IOException {
        GeoLookup geo =
                config.geoDatabase() == null
                        ? GeoLookup.NONE
                        : MaxMindGeoLookup.open(config.geoDatabase(), config.geoCacheSize());
        return new RecordProcessor(config, EventSchemas.load(), geo);
    }

    /** Runs every step on {@code record}. Never throws for bad input: that is a rejection. */
    public ProcessResult process(RawRecord record) {
        byte[] data = record.data == null ? new byte[0] : record.data;
        if (record.sourceError != null) {
            return ProcessResult.rejected(ErrorType.CORRUPT_AGGREGATE, clip(record.sourceError));
        }
        if (data.length > maxRecordBytes) {
            return ProcessResult.rejected(
                    ErrorType.OVERSIZE,
                    "record has " + data.length + " bytes; the limit is " + maxRecordBytes);
        }
        int bad = Utf8.firstInvalid(data);
        if (bad >= 0) {
            return ProcessResult.rejected(
                    ErrorType.INVALID_ENCODING,
                    String.format(
                            Locale.ROOT,
                            "invalid UTF-8 at byte %d (0x%02X)",
                            bad,
                            data[bad] & 0xFF));
        }
        JsonNode json;
        try {
            json = mapper.readTree(data);
        } catch (JsonProcessingException e) {
            return ProcessResult.rejected(ErrorType.MALFORMED_JSON, clip(e.getOriginalMessage()));
        } catch (IOException e) {
            return ProcessResult.rejected(ErrorType.MALFORMED_JSON, clip(e.getMessage()));
        }
        if (json == null || json.isMissingNode()) {
            return ProcessResult.rejected(ErrorType.MALFORMED_JSON, "record is empty");
        }
        if (!json.isObject()) {
            return ProcessResult.rejected(
                    ErrorType.MALFORMED_JSON,
                    "an event must be a JSON object, found " + json.getNodeType());
        }
        ObjectNode object = (ObjectNode) json;
        JsonNode typeNode = object.get("type");
        EventType type = typeNode == null ? null : EventType.fromWireName(typeNode.asText(null));
        if (type == null) {
            return ProcessResult.rejected(
                    ErrorType.UNKNOWN_TYPE,
                    typeNode == null
                            ? "field 'type' is missing"
                            : "type "
                                    + clip(typeNode.toString())
                                    + " is none of transaction, checkout, click, telemetry");
        }
        List<String> violations = schemas.validate(type, object);
        if (!violations.isEmpty()) {
            return ProcessResult.rejected(
                    ErrorType.SCHEMA_VIOLATION, clip(String.join("; ", violations)));
        }
        Event event;
        try {
            event = Normalizer.normalize(type, object, record.arrivalTimeMillis);
        } catch (TimestampNormalizer.InvalidTimestampException e) {
            return ProcessResult.rejected(ErrorType.INVALID_TIMESTAMP, e.getMessage());
        } catch (Normalizer.InvalidFieldException e) {
            return ProcessResult.rejected(ErrorType.SCHEMA_VIOLATION, e.getMessage());
        }
        if (record.arrivalTimeMillis > 0
                && event.occurredAt.toEpochMilli()
                        > record.arrivalTimeMillis + maxFutureSkewMillis) {
            return ProcessResult.rejected(
                    ErrorType.INVALID_TIMESTAMP,
                    "timestamp "
                            + event.occurredAt
                            + " lies more than "
                            + maxFutureSkewMillis
                            + " ms after the record's arrival "
                            + Instant.ofEpochMilli(record.arrivalTimeMillis));
        }
        byte[] ip = event.ip == null ? null : IpAddresses.parse(event.ip);
        String filtered = filter.reason(event, ip);
        if (filtered != null) {
            return ProcessResult.filtered(event, filtered);
        }
        boolean geoMiss = false;
        if (ip != null && geo != GeoLookup.NONE) {
            InetAddress address = IpAddresses.toInetAddress(ip);
            event.geoCountry = address == null ? null : geo.country(address);
            geoMiss = event.geoCountry == null;
        }
        return ProcessResult.accepted(event, geoMiss);
    }

    private static String clip(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "...";
    }

    @Override
    public void close() throws IOException {
        geo.close();
    }
}
