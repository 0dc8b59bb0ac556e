package dev.riffle.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The bad-input corpus, {@code test-data/src/main/resources/fixtures/bad-input-corpus.jsonl}: one
 * JSON line per kind of record, with the dead-letter {@code errorType} it must get ({@code expect},
 * or {@code ACCEPTED} for the edge cases that are valid), a fragment its {@code errorMessage} must
 * contain ({@code reason}), and the bytes as {@code event} (an object, written compactly), {@code
 * raw} (exact text), {@code rawBase64}, or {@code generate} (records too big or too binary for a
 * line: oversize, deep nesting, KPL aggregates).
 */
final class BadInputCorpus {
    static final String ACCEPTED = "ACCEPTED";
    static final String RESOURCE = "/fixtures/bad-input-corpus.jsonl";

    /** Bytes of the oversize record: above ingestion's default max-record-size (64 kb). */
    static final int OVERSIZE_BYTES = 70 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] KPL_MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};

    /**
     * One corpus line.
     *
     * @param eventIds the events an accepted record must yield (two for a KPL aggregate)
     */
    record Entry(
            String kind,
            String expect,
            String reason,
            String note,
            byte[] data,
            List<String> eventIds) {
        boolean accepted() {
            return ACCEPTED.equals(expect);
        }

        /** The Kinesis partition key it is written with: its kind, so dead letters name it. */
        String partitionKey() {
            return "corpus-" + kind;
        }

        @Override
        public String toString() {
            return kind + " (" + note + ")";
        }
    }

    private BadInputCorpus() {}

    static List<Entry> load() {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = BadInputCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    entries.add(entry(JSON.readTree(line)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static Entry entry(JsonNode line) throws IOException {
        String kind = line.get("kind").asText();
        List<String> ids = new ArrayList<>();
        byte[] data;
        if (line.has("event")) {
            data = JSON.writeValueAsBytes(line.get("event"));
            ids.add(line.get("event").path("eventId").asText());
        } else if (line.has("raw")) {
            data = line.get("raw").asText().getBytes(StandardCharsets.UTF_8);
        } else if (line.has("rawBase64")) {
            data = Base64.getDecoder().decode(line.get("rawBase64").asText());
        } else {
            data = generate(line.get("generate").asText(), ids);
        }
        String expect = line.get("expect").asText();
        if (ACCEPTED.equals(expect) && ids.isEmpty()) {
            ids.add(JSON.readTree(stripBom(data)).path("eventId").asText());
        }
        return new Entry(
                kind,
                expect,
                line.path("reason").asText(),
                line.path("note").asText(),
                data,
                ACCEPTED.equals(expect) ? List.copyOf(ids) : List.of());
    }

    private static byte[] generate(String what, List<String> ids) {
        switch (what) {
            case "oversize":
                {
                    StringBuilder s = new StringBuilder(transaction("c-big"));
                    s.setLength(s.length() - 1);
                    s.append(",\"notes\":\"");
                    while (s.length() < OVERSIZE_BYTES) {
                        s.append("0123456789abcdef");
                    }
                    return s.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
                }
            case "deeply-nested":
                {
                    StringBuilder s = new StringBuilder(transaction("c-deep"));
                    s.setLength(s.length() - 1);
                    s.append(",\"extra\":");
                    s.append("[".repeat(5000)).append("]".repeat(5000)).append('}');
                    return s.toString().getBytes(StandardCharsets.UTF_8);
                }
            case "kpl-valid":
                ids.add("ok-kpl-1");
                ids.add("ok-kpl-2");
                return kplAggregate(
                        List.of(transaction("ok-kpl-1"), transaction("ok-kpl-2")), false, false);
            case "kpl-bad-md5":
                return kplAggregate(List.of(transaction("c-kpl-md5")), true, false);
            case "kpl-broken-protobuf":
                return kplAggregate(List.of(transaction("c-kpl-proto")), false, true);
            default:
                throw new IllegalArgumentException("Unknown generator " + what);
        }
    }

    private static String transaction(String eventId) {
        return "{\"eventId\":\""
                + eventId
                + "\",\"type\":\"transaction\",\"timestamp\":\"2026-03-01T12:00:00Z\","
                + "\"userId\":\"u-kpl\",\"merchantId\":\"m-1\",\"amount\":5.5,"
                + "\"currency\":\"EUR\",\"status\":\"captured\"}";
    }

    /**
     * A KPL aggregate (magic, protobuf {@code AggregatedRecord}, MD5 of the protobuf) of {@code
     * records} under one partition key; optionally with a wrong checksum, or with its protobuf cut
     * off mid-record (and a checksum that matches the cut bytes, so only the protobuf is wrong).
     */
    static byte[] kplAggregate(List<String> records, boolean badMd5, boolean truncateProtobuf) {
        ByteArrayOutputStream proto = new ByteArrayOutputStream();
        byte[] key = "u-kpl".getBytes(StandardCharsets.UTF_8);
        tag(proto, 1, 2); // partition_key_table
        varint(proto, key.length);
        proto.writeBytes(key);
        for (String r : records) {
            byte[] data = r.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream rec = new ByteArrayOutputStream();
            tag(rec, 1, 0); // partition_key_index
            varint(rec, 0);
            tag(rec, 3, 2); // data
            varint(rec, data.length);
            rec.writeBytes(data);
            tag(proto, 3, 2); // records
            varint(proto, rec.size());
            proto.writeBytes(rec.toByteArray());
        }
        byte[] body = proto.toByteArray();
        if (truncateProtobuf) {
            body = Arrays.copyOf(body, body.length - 20);
        }
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("MD5").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (badMd5) {
            digest[digest.length - 1] ^= 0x5A;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(KPL_MAGIC);
        out.writeBytes(body);
        out.writeBytes(digest);
        return out.toByteArray();
    }

    private static void tag(ByteArrayOutputStream out, int field, int wireType) {
        varint(out, (field << 3) | wireType);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static byte[] stripBom(byte[] data) {
        return data.length >= 3
                        && data[0] == (byte) 0xEF
                        && data[1] == (byte) 0xBB
                        && data[2] == (byte) 0xBF
                ? Arrays.copyOfRange(data, 3, data.length)
                : data;
    }
}
