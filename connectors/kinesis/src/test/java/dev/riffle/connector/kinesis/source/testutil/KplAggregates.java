package dev.riffle.connector.kinesis.source.testutil;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/** Encodes KPL aggregates the way the Kinesis Producer Library writes them, for tests. */
public final class KplAggregates {
    private static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};

    private KplAggregates() {}

    /** An aggregate of user records {@code (partitionKey, data)}, keys de-duplicated in a table. */
    public static byte[] aggregate(List<String[]> userRecords) {
        List<String> keys = new ArrayList<>();
        ByteArrayOutputStream proto = new ByteArrayOutputStream();
        List<byte[]> records = new ArrayList<>();
        for (String[] r : userRecords) {
            int idx = keys.indexOf(r[0]);
            if (idx < 0) {
                keys.add(r[0]);
                idx = keys.size() - 1;
            }
            ByteArrayOutputStream rec = new ByteArrayOutputStream();
            tag(rec, 1, 0);
            varint(rec, idx);
            byte[] data = r[1].getBytes(StandardCharsets.UTF_8);
            tag(rec, 3, 2);
            varint(rec, data.length);
            rec.writeBytes(data);
            records.add(rec.toByteArray());
        }
        for (String k : keys) {
            byte[] b = k.getBytes(StandardCharsets.UTF_8);
            tag(proto, 1, 2);
            varint(proto, b.length);
            proto.writeBytes(b);
        }
        for (byte[] rec : records) {
            tag(proto, 3, 2);
            varint(proto, rec.length);
            proto.writeBytes(rec);
        }
        byte[] body = proto.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.writeBytes(body);
        try {
            out.writeBytes(MessageDigest.getInstance("MD5").digest(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static void tag(ByteArrayOutputStream out, int field, int wire) {
        varint(out, (field << 3) | wire);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
