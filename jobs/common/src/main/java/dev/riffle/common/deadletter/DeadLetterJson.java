package dev.riffle.common.deadletter;

import org.apache.flink.annotation.PublicEvolving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;

/**
 * The JSON form of a {@link DeadLetter}, the same for every Riffle job:
 *
 * <pre>{@code
 * {"version":1,"errorType":"SCHEMA_VIOLATION","errorMessage":"$.amount: string found, number expected",
 *  "jobName":"riffle-ingestion","failedAt":"2026-03-01T12:00:01.002Z",
 *  "sourceStream":"raw-events","shardId":"shardId-000000000001","sequenceNumber":"4963...",
 *  "partitionKey":"u-42","arrivalTime":"2026-03-01T12:00:00.950Z",
 *  "rawSize":131,"rawTruncated":false,"rawBase64":"eyJldmVudElkIjoi..."}
 * }</pre>
 *
 * Fields with no value are left out. Readers must ignore fields they do not know; a format change
 * that is not additive bumps {@code version}.
 */
@PublicEvolving
public final class DeadLetterJson {
    private static final JsonFactory JSON = new JsonFactory();

    private DeadLetterJson() {}

    public static byte[] write(DeadLetter d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + d.raw.length * 4 / 3);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("version", DeadLetter.FORMAT_VERSION);
            str(g, "errorType", d.errorType);
            str(g, "errorMessage", d.errorMessage);
            str(g, "jobName", d.jobName);
            instant(g, "failedAt", d.failedAt);
            str(g, "sourceStream", d.sourceStream);
            str(g, "shardId", d.shardId);
            str(g, "sequenceNumber", d.sequenceNumber);
            str(g, "partitionKey", d.partitionKey);
            instant(g, "arrivalTime", d.arrivalTime);
            g.writeNumberField("rawSize", d.rawSize);
            g.writeBooleanField("rawTruncated", d.rawTruncated);
            g.writeStringField("rawBase64", Base64.getEncoder().encodeToString(d.raw));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialize dead letter", e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a dead letter written by {@link #write}.
     *
     * @throws IOException if the bytes are not such an object
     */
    public static DeadLetter read(byte[] json) throws IOException {
        DeadLetter d = new DeadLetter();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("A dead letter must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (field) {
                    case "errorType" -> d.errorType = p.getText();
                    case "errorMessage" -> d.errorMessage = p.getText();
                    case "jobName" -> d.jobName = p.getText();
                    case "failedAt" -> d.failedAt = Instant.parse(p.getText());
                    case "sourceStream" -> d.sourceStream = p.getText();
                    case "shardId" -> d.shardId = p.getText();
                    case "sequenceNumber" -> d.sequenceNumber = p.getText();
                    case "partitionKey" -> d.partitionKey = p.getText();
                    case "arrivalTime" -> d.arrivalTime = Instant.parse(p.getText());
                    case "rawSize" -> d.rawSize = p.getIntValue();
                    case "rawTruncated" -> d.rawTruncated = p.getBooleanValue();
                    case "rawBase64" -> d.raw = Base64.getDecoder().decode(p.getText());
                    default -> p.skipChildren();
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("Not a dead letter: " + e.getMessage(), e);
        }
        if (d.raw == null) {
            d.raw = new byte[0];
        }
        return d;
    }

    private static void str(JsonGenerator g, String name, String v) throws IOException {
        if (v != null) {
            g.writeStringField(name, v);
        }
    }

    private static void instant(JsonGenerator g, String name, Instant v) throws IOException {
        if (v != null) {
            g.writeStringField(name, v.toString());
        }
    }
}
