package dev.riffle.testdata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Writes generated records to a JSON-lines file, one object per record with its truth:
 *
 * <pre>{@code
 * {"partitionKey":"u-000017","kind":"MALFORMED","malformation":"BAD_TIMESTAMP","expectedError":"INVALID_TIMESTAMP","eventTime":"...","dataBase64":"eyJldmVudElk..."}
 * }</pre>
 *
 * The bytes are base64 because malformed records need not be text.
 */
public final class FileRecordWriter implements RecordWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final BufferedWriter out;

    public FileRecordWriter(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    @Override
    public void write(GeneratedRecord r) throws IOException {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("partitionKey", r.partitionKey());
        o.put("kind", r.kind().name());
        if (r.eventId() != null) {
            o.put("eventId", r.eventId());
        }
        if (r.malformation() != null) {
            o.put("malformation", r.malformation().name());
            o.put("expectedError", r.expectedError());
        }
        o.put("eventTime", r.eventTime().toString());
        o.put("dataBase64", Base64.getEncoder().encodeToString(r.data()));
        out.write(o.toString());
        out.newLine();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
