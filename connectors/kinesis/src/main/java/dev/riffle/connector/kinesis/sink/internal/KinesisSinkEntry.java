package dev.riffle.connector.kinesis.sink.internal;

import org.apache.flink.annotation.Internal;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One buffered record: its bytes, partition key and optional explicit hash key. Its size is what
 * Kinesis counts against its limits: data plus the partition key's UTF-8 bytes.
 */
@Internal
public final class KinesisSinkEntry implements Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] data;
    private final String partitionKey;
    @Nullable private final String explicitHashKey;
    private final int sizeInBytes;

    public KinesisSinkEntry(byte[] data, String partitionKey, @Nullable String explicitHashKey) {
        this.data = data;
        this.partitionKey = partitionKey;
        this.explicitHashKey = explicitHashKey;
        this.sizeInBytes = data.length + utf8Length(partitionKey);
    }

    public byte[] data() {
        return data;
    }

    public String partitionKey() {
        return partitionKey;
    }

    @Nullable
    public String explicitHashKey() {
        return explicitHashKey;
    }

    /** Data plus partition key bytes, as Kinesis counts a record against its limits. */
    public int sizeInBytes() {
        return sizeInBytes;
    }

    public PutRecordsRequestEntry toSdk() {
        PutRecordsRequestEntry.Builder b =
                PutRecordsRequestEntry.builder()
                        .data(SdkBytes.fromByteArrayUnsafe(data))
                        .partitionKey(partitionKey);
        if (explicitHashKey != null) {
            b.explicitHashKey(explicitHashKey);
        }
        return b.build();
    }

    /** UTF-8 length without encoding the string. */
    public static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KinesisSinkEntry)) {
            return false;
        }
        KinesisSinkEntry e = (KinesisSinkEntry) o;
        return Arrays.equals(data, e.data)
                && partitionKey.equals(e.partitionKey)
                && Objects.equals(explicitHashKey, e.explicitHashKey);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + partitionKey.hashCode();
    }

    @Override
    public String toString() {
        return "KinesisSinkEntry{partitionKey="
                + partitionKey
                + ", explicitHashKey="
                + explicitHashKey
                + ", size="
                + sizeInBytes
                + ", data="
                + new String(data, 0, Math.min(data.length, 40), StandardCharsets.UTF_8)
                + '}';
    }
}
