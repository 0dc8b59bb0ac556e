package dev.riffle.connector.kinesis.sink;

import org.apache.flink.annotation.PublicEvolving;

import javax.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A record the sink could not write and will never be able to write: why, the bytes it would have
 * written, its partition key and the stream it was meant for. {@link #toJson()} gives the suite's
 * dead-letter envelope (version 1 of {@code dev.riffle.common.deadletter}, plus {@code
 * targetStream}), which the built-in dead-letter stream writes.
 */
@PublicEvolving
public final class KinesisSinkDeadLetter {

    /** Why a record could not be written. */
    public enum ErrorType {
        /** Data plus partition key exceed {@code sink.record.max-size} (or Kinesis' limit). */
        OVERSIZE,
        /** The partition key is missing, empty or longer than 256 characters. */
        INVALID_PARTITION_KEY,
        /** The explicit hash key is not a decimal number from 0 to 2^128 - 1. */
        INVALID_EXPLICIT_HASH_KEY,
        /** The serialization schema (or a key generator) threw for this record. */
        SERIALIZATION_FAILED,
        /** Kinesis rejected the record with an error that retrying cannot fix. */
        REJECTED
    }

    private final ErrorType errorType;
    private final String errorMessage;
    private final byte[] data;
    @Nullable private final String partitionKey;
    @Nullable private final String explicitHashKey;
    private final String stream;
    private final Instant failedAt;

    public KinesisSinkDeadLetter(
            ErrorType errorType,
            String errorMessage,
            byte[] data,
            @Nullable String partitionKey,
            @Nullable String explicitHashKey,
            String stream,
            Instant failedAt) {
        this.errorType = errorType;
        this.errorMessage = errorMessage;
        this.data = data == null ? new byte[0] : data;
        this.partitionKey = partitionKey;
        this.explicitHashKey = explicitHashKey;
        this.stream = stream;
        this.failedAt = failedAt;
    }

    public ErrorType errorType() {
        return errorType;
    }

    /** For a person: what was wrong, with sizes and limits, naming the stream. */
    public String errorMessage() {
        return errorMessage;
    }

    /** The bytes the serialization schema produced (or the record's text if it failed). */
    public byte[] data() {
        return data.clone();
    }

    @Nullable
    public String partitionKey() {
        return partitionKey;
    }

    @Nullable
    public String explicitHashKey() {
        return explicitHashKey;
    }

    /** The ARN or name of the stream the record was meant for. */
    public String stream() {
        return stream;
    }

    public Instant failedAt() {
        return failedAt;
    }

    /**
     * The dead-letter envelope as JSON, e.g. {@code {"version":1,"errorType":"OVERSIZE",
     * "errorMessage":"...","failedAt":"2026-03-01T12:00:01.002Z","targetStream":"arn:...",
     * "partitionKey":"u-42","rawSize":1048600,"rawTruncated":false,"rawBase64":"..."}}. The whole
     * record is kept when it fits in {@code maxRawBytes}, else its first {@code maxRawBytes} bytes
     * with {@code rawTruncated=true}, so that a dead letter always fits in a stream record.
     */
    public byte[] toJson(int maxRawBytes) {
        boolean truncated = data.length > maxRawBytes;
        byte[] raw = data;
        if (truncated) {
            raw = new byte[maxRawBytes];
            System.arraycopy(data, 0, raw, 0, maxRawBytes);
        }
        StringBuilder json = new StringBuilder(256 + raw.length * 4 / 3);
        json.append("{\"version\":1");
        field(json, "errorType", errorType.name());
        field(json, "errorMessage", errorMessage);
        field(json, "failedAt", failedAt.toString());
        field(json, "targetStream", stream);
        field(json, "partitionKey", partitionKey);
        field(json, "explicitHashKey", explicitHashKey);
        json.append(",\"rawSize\":").append(data.length);
        json.append(",\"rawTruncated\":").append(truncated);
        field(json, "rawBase64", Base64.getEncoder().encodeToString(raw));
        json.append('}');
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@link #toJson(int)} keeping up to 512 KiB of the record. */
    public byte[] toJson() {
        return toJson(512 * 1024);
    }

    private static void field(StringBuilder json, String name, @Nullable String value) {
        if (value == null) {
            return;
        }
        json.append(",\"").append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"':
                    json.append("\\\"");
                    break;
                case '\\':
                    json.append("\\\\");
                    break;
                case '\n':
                    json.append("\\n");
                    break;
                case '\r':
                    json.append("\\r");
                    break;
                case '\t':
                    json.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
            }
        }
        json.append('"');
    }

    @Override
    public String toString() {
        return "KinesisSinkDeadLetter{"
                + errorType
                + ": "
                + errorMessage
                + ", stream="
                + stream
                + ", partitionKey="
                + partitionKey
                + ", size="
                + data.length
                + '}';
    }
}
