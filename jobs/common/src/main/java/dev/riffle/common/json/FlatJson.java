package dev.riffle.common.json;

import org.apache.flink.annotation.Internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;

/**
 * Writing and reading the suite's flat JSON records (events, dead letters) with Jackson's streaming
 * API: a field with no value is left out; instants are ISO-8601 UTC strings; a reader skips fields
 * it does not know and nulls.
 */
@Internal
public final class FlatJson {
    private FlatJson() {}

    /** Reads one field's value; the parser stands on the value (never a JSON null). */
    @FunctionalInterface
    public interface FieldReader {
        void read(String field, JsonParser p) throws IOException;
    }

    /**
     * Reads a JSON object field by field. {@code what} names the record with its article ("an
     * event") for the error messages.
     *
     * @throws IOException if the bytes are not a JSON object or a value cannot be read
     */
    public static void readObject(JsonFactory json, byte[] bytes, String what, FieldReader fields)
            throws IOException {
        try (JsonParser p = json.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(
                        what.substring(0, 1).toUpperCase(Locale.ROOT)
                                + what.substring(1)
                                + " must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_NULL) {
                    fields.read(field, p);
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("Not " + what + ": " + e.getMessage(), e);
        }
    }

    public static void optional(JsonGenerator g, String name, String v) throws IOException {
        if (v != null) {
            g.writeStringField(name, v);
        }
    }

    public static void optional(JsonGenerator g, String name, Double v) throws IOException {
        if (v != null) {
            g.writeNumberField(name, v);
        }
    }

    public static void optional(JsonGenerator g, String name, Instant v) throws IOException {
        if (v != null) {
            g.writeStringField(name, v.toString());
        }
    }
}
