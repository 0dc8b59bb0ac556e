package dev.riffle.connector.kinesis.sink.internal;

import dev.riffle.connector.kinesis.sink.ExplicitHashKeyGenerator;
import dev.riffle.connector.kinesis.sink.KinesisSinkDeadLetter.ErrorType;
import dev.riffle.connector.kinesis.sink.PartitionKeyGenerator;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.util.FlinkRuntimeException;

import javax.annotation.Nullable;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Turns a record into a {@link KinesisSinkEntry}: serializes it, computes its keys and checks it
 * against Kinesis' rules (key 1 to 256 characters, explicit hash key in range, size of data plus
 * key within the limit). A record that breaks a rule is thrown back as a {@link RejectedRecord} for
 * the writer to dead-letter.
 */
@Internal
public final class EntryConverter<T> implements ElementConverter<T, KinesisSinkEntry> {
    private static final long serialVersionUID = 1L;
    private static final BigInteger MAX_HASH_KEY =
            BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private final SerializationSchema<T> schema;
    private final PartitionKeyGenerator<T> partitionKeys;
    @Nullable private final ExplicitHashKeyGenerator<T> hashKeys;
    private final long maxRecordSizeInBytes;
    private final String stream;

    public EntryConverter(
            SerializationSchema<T> schema,
            PartitionKeyGenerator<T> partitionKeys,
            @Nullable ExplicitHashKeyGenerator<T> hashKeys,
            long maxRecordSizeInBytes,
            String stream) {
        this.schema = schema;
        this.partitionKeys = partitionKeys;
        this.hashKeys = hashKeys;
        this.maxRecordSizeInBytes = maxRecordSizeInBytes;
        this.stream = stream;
    }

    @Override
    public void open(WriterInitContext context) {
        try {
            schema.open(context.asSerializationSchemaInitializationContext());
            partitionKeys.open(context);
            if (hashKeys != null) {
                hashKeys.open(context);
            }
        } catch (Exception e) {
            throw new FlinkRuntimeException(
                    "Cannot open the serialization schema or key generators of the Kinesis sink"
                            + " for stream "
                            + stream,
                    e);
        }
    }

    @Override
    public KinesisSinkEntry apply(T element, SinkWriter.Context context) {
        byte[] data;
        try {
            data = schema.serialize(element);
        } catch (RuntimeException e) {
            throw new RejectedRecord(
                    ErrorType.SERIALIZATION_FAILED,
                    "The serialization schema failed on a record for stream " + stream + ": " + e,
                    textOf(element),
                    null,
                    null);
        }
        if (data == null) {
            throw new RejectedRecord(
                    ErrorType.SERIALIZATION_FAILED,
                    "The serialization schema returned no bytes for a record for stream " + stream,
                    textOf(element),
                    null,
                    null);
        }
        String key;
        try {
            key = partitionKeys.apply(element);
        } catch (RuntimeException e) {
            throw new RejectedRecord(
                    ErrorType.INVALID_PARTITION_KEY,
                    "The partition key generator failed on a record for stream "
                            + stream
                            + ": "
                            + e,
                    data,
                    null,
                    null);
        }
        if (key == null || key.isEmpty()) {
            throw new RejectedRecord(
                    ErrorType.INVALID_PARTITION_KEY,
                    "A record for stream "
                            + stream
                            + " has "
                            + (key == null ? "no" : "an empty")
                            + " partition key; Kinesis needs 1 to 256 characters",
                    data,
                    key,
                    null);
        }
        int keyLength = key.codePointCount(0, key.length());
        if (keyLength > 256) {
            throw new RejectedRecord(
                    ErrorType.INVALID_PARTITION_KEY,
                    "A record for stream "
                            + stream
                            + " has a partition key of "
                            + keyLength
                            + " characters; Kinesis accepts 1 to 256",
                    data,
                    key.substring(0, 256),
                    null);
        }
        String hashKey = null;
        if (hashKeys != null) {
            try {
                hashKey = hashKeys.apply(element);
            } catch (RuntimeException e) {
                throw new RejectedRecord(
                        ErrorType.INVALID_EXPLICIT_HASH_KEY,
                        "The explicit hash key generator failed on a record for stream "
                                + stream
                                + ": "
                                + e,
                        data,
                        key,
                        null);
            }
            if (hashKey != null && !isValidHashKey(hashKey)) {
                throw new RejectedRecord(
                        ErrorType.INVALID_EXPLICIT_HASH_KEY,
                        "A record for stream "
                                + stream
                                + " has the explicit hash key '"
                                + (hashKey.length() > 64
                                        ? hashKey.substring(0, 64) + "..."
                                        : hashKey)
                                + "'; Kinesis accepts a decimal number from 0 to 2^128 - 1",
                        data,
                        key,
                        null);
            }
        }
        KinesisSinkEntry entry = new KinesisSinkEntry(data, key, hashKey);
        if (entry.sizeInBytes() > maxRecordSizeInBytes) {
            throw new RejectedRecord(
                    ErrorType.OVERSIZE,
                    String.format(
                            "A record for stream %s is %d bytes (data %d + partition key %d),"
                                    + " more than the limit of %d bytes (sink.record.max-size)",
                            stream,
                            entry.sizeInBytes(),
                            data.length,
                            entry.sizeInBytes() - data.length,
                            maxRecordSizeInBytes),
                    data,
                    key,
                    hashKey);
        }
        return entry;
    }

    static boolean isValidHashKey(String s) {
        if (s.isEmpty() || s.length() > 39) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return new BigInteger(s).compareTo(MAX_HASH_KEY) <= 0;
    }

    private static byte[] textOf(Object element) {
        String text;
        try {
            text = String.valueOf(element);
        } catch (RuntimeException e) {
            text = element.getClass().getName();
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A record that can never be written, with why; the writer turns it into a dead letter. */
    public static final class RejectedRecord extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public final ErrorType errorType;
        public final byte[] data;
        @Nullable public final String partitionKey;
        @Nullable public final String explicitHashKey;

        RejectedRecord(
                ErrorType errorType,
                String message,
                byte[] data,
                @Nullable String partitionKey,
                @Nullable String explicitHashKey) {
            super(message, null, false, false);
            this.errorType = errorType;
            this.data = data;
            this.partitionKey = partitionKey;
            this.explicitHashKey = explicitHashKey;
        }
    }
}
