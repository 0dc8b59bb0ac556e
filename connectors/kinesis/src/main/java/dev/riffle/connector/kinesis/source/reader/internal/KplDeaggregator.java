package dev.riffle.connector.kinesis.source.reader.internal;

import org.apache.flink.annotation.Internal;

import software.amazon.awssdk.services.kinesis.model.Record;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits Kinesis Producer Library aggregates into their user records.
 *
 * <p>An aggregate is the magic bytes {@code F3 89 9A C2}, a protobuf {@code AggregatedRecord}
 * ({@code repeated string partition_key_table = 1; repeated string explicit_hash_key_table = 2;
 * repeated Record records = 3}, where {@code Record} is {@code uint64 partition_key_index = 1;
 * uint64 explicit_hash_key_index = 2; bytes data = 3; repeated Tag tags = 4}), and the MD5 of the
 * protobuf bytes. This reader handles just that message, so the source does not carry the KCL.
 *
 * <p>A record without the magic bytes is a plain record. A record with them whose checksum or
 * protobuf is wrong is returned as one corrupt record (never thrown), so that the job can route it
 * to its dead letters. Unlike the KCL, user records whose hash key falls outside the shard's range
 * are kept: dropping them loses data after a reshard.
 *
 * <p>Not thread-safe (it reuses a digest); one instance per fetcher thread.
 */
@Internal
public final class KplDeaggregator {

    static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final int DIGEST_LENGTH = 16;

    private final MessageDigest md5;

    public KplDeaggregator() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    /** Appends the user records of {@code record} to {@code out}. */
    public void deaggregate(Record record, List<FetchedRecord> out) {
        byte[] data = record.data().asByteArrayUnsafe();
        Instant arrival = record.approximateArrivalTimestamp();
        if (!hasMagic(data)) {
            out.add(
                    new FetchedRecord(
                            data,
                            record.partitionKey(),
                            null,
                            record.sequenceNumber(),
                            -1,
                            true,
                            arrival,
                            null));
            return;
        }
        int start = out.size();
        String problem = decode(data, record, out);
        if (problem != null) {
            out.subList(start, out.size()).clear();
            out.add(
                    new FetchedRecord(
                            data,
                            record.partitionKey(),
                            null,
                            record.sequenceNumber(),
                            -1,
                            true,
                            arrival,
                            problem));
        }
    }

    private static boolean hasMagic(byte[] data) {
        if (data.length < MAGIC.length + DIGEST_LENGTH) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (data[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Decodes into {@code out}; returns why it is corrupt, or null. */
    private String decode(byte[] data, Record record, List<FetchedRecord> out) {
        int protoStart = MAGIC.length;
        int protoEnd = data.length - DIGEST_LENGTH;
        md5.reset();
        md5.update(data, protoStart, protoEnd - protoStart);
        byte[] digest = md5.digest();
        if (!Arrays.equals(digest, 0, DIGEST_LENGTH, data, protoEnd, data.length)) {
            return "KPL aggregate checksum (MD5) does not match";
        }
        List<String> partitionKeys = new ArrayList<>();
        List<String> hashKeys = new ArrayList<>();
        List<long[]> entries = new ArrayList<>(); // {pkIndex, ehkIndex, dataOffset, dataLength}
        try {
            ProtoReader in = new ProtoReader(data, protoStart, protoEnd);
            while (in.hasMore()) {
                int tag = (int) in.varint();
                int field = tag >>> 3;
                int wire = tag & 7;
                if (field == 1 && wire == 2) {
                    partitionKeys.add(in.string());
                } else if (field == 2 && wire == 2) {
                    hashKeys.add(in.string());
                } else if (field == 3 && wire == 2) {
                    int len = in.length();
                    entries.add(readEntry(new ProtoReader(data, in.pos, in.pos + len)));
                    in.pos += len;
                } else {
                    in.skip(wire);
                }
            }
        } catch (IllegalStateException e) {
            return "KPL aggregate protobuf is malformed: " + e.getMessage();
        }
        if (entries.isEmpty()) {
            return "KPL aggregate holds no records";
        }
        for (int i = 0; i < entries.size(); i++) {
            long[] e = entries.get(i);
            if (e[0] < 0 || e[0] >= partitionKeys.size()) {
                return "KPL aggregate record " + i + " has no valid partition key index";
            }
            if (e[1] >= hashKeys.size()) {
                return "KPL aggregate record " + i + " has an invalid explicit hash key index";
            }
            out.add(
                    new FetchedRecord(
                            Arrays.copyOfRange(data, (int) e[2], (int) (e[2] + e[3])),
                            partitionKeys.get((int) e[0]),
                            e[1] < 0 ? null : hashKeys.get((int) e[1]),
                            record.sequenceNumber(),
                            i,
                            i == entries.size() - 1,
                            record.approximateArrivalTimestamp(),
                            null));
        }
        return null;
    }

    private static long[] readEntry(ProtoReader in) {
        long pk = -1;
        long ehk = -1;
        long offset = -1;
        long length = 0;
        while (in.hasMore()) {
            int tag = (int) in.varint();
            int field = tag >>> 3;
            int wire = tag & 7;
            if (field == 1 && wire == 0) {
                pk = in.varint();
            } else if (field == 2 && wire == 0) {
                ehk = in.varint();
            } else if (field == 3 && wire == 2) {
                int len = in.length();
                offset = in.pos;
                length = len;
                in.pos += len;
            } else {
                in.skip(wire);
            }
        }
        if (offset < 0) {
            throw new IllegalStateException("a record has no data");
        }
        return new long[] {pk, ehk, offset, length};
    }

    /** The few protobuf wire-format primitives the aggregate needs. */
    private static final class ProtoReader {
        private final byte[] buf;
        private int pos;
        private final int end;

        ProtoReader(byte[] buf, int pos, int end) {
            if (end > buf.length || pos > end) {
                throw new IllegalStateException("truncated");
            }
            this.buf = buf;
            this.pos = pos;
            this.end = end;
        }

        boolean hasMore() {
            return pos < end;
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IllegalStateException("truncated varint");
                }
                byte b = buf[pos++];
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new IllegalStateException("varint longer than 10 bytes");
        }

        int length() {
            long len = varint();
            if (len < 0 || len > end - pos) {
                throw new IllegalStateException("truncated field (length " + len + ")");
            }
            return (int) len;
        }

        String string() {
            int len = length();
            String s = new String(buf, pos, len, java.nio.charset.StandardCharsets.UTF_8);
            pos += len;
            return s;
        }

        void skip(int wire) {
            switch (wire) {
                case 0:
                    varint();
                    break;
                case 1:
                    advance(8);
                    break;
                case 2:
                    advance(length());
                    break;
                case 5:
                    advance(4);
                    break;
                default:
                    throw new IllegalStateException("unknown wire type " + wire);
            }
        }

        private void advance(int n) {
            if (n > end - pos) {
                throw new IllegalStateException("truncated");
            }
            pos += n;
        }
    }
}
