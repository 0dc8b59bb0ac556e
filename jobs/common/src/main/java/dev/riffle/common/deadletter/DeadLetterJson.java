package dev.riffle.common.deadletter;

import dev.riffle.common.json.FlatJson;

import org.apache.flink.annotation.PublicEvolving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;

import static dev.riffle.common.json.FlatJson.optional;

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
            optional(g, "errorType", d.errorType);
            optional(g, "errorMessage", d.errorMessage);
            optional(g, "jobName", d.jobName);
            optional(g, "failedAt", d.failedAt);
            optional(g, "sourceStream", d.sourceStream);
            optional(g, "shardId", d.shardId);
            optional(g, "sequenceNumber", d.sequenceNumber);
            optional(g, "partitionKey", d.partitionKey);
            optional(g, "arrivalTime", d.arrivalTime);
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
        FlatJson.readObject(
                JSON,
                json,
                "a dead letter",
                (field, p) -> {
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
                });
        if (d.raw == null) {
            d.raw = new byte[0];
        }
        return d;
    }
}
