package dev.riffle.connector.kvs.split;

import dev.riffle.connector.kvs.StartSelector;
import dev.riffle.connector.kvs.StartSelectorType;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import javax.annotation.Nullable;

import java.io.IOException;

/**
 * Serializes {@link KvsSplit}s into checkpoints. The format is a public contract: a new version
 * adds a branch to {@link #deserialize} and keeps reading every older one (the test reads frozen
 * bytes of each version).
 *
 * <p>Version 1: kind (byte), target (UTF), initial selector type (UTF) and value (nullable UTF),
 * last fragment number (nullable UTF), last producer and server timestamps (nullable long),
 * continuation token (nullable UTF), fragments read (long). Nullable values are preceded by a
 * presence boolean.
 */
@Internal
public final class KvsSplitSerializer implements SimpleVersionedSerializer<KvsSplit> {
    public static final KvsSplitSerializer INSTANCE = new KvsSplitSerializer();

    static final int VERSION_1 = 1;
    private static final int CURRENT = VERSION_1;

    @Override
    public int getVersion() {
        return CURRENT;
    }

    @Override
    public byte[] serialize(KvsSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    /** Writes the current version without a version header (the enumerator state embeds it). */
    static void write(KvsSplit split, DataOutputSerializer out) throws IOException {
        out.writeByte(split.kind().ordinal());
        out.writeUTF(split.target());
        out.writeUTF(split.initialSelector().type().name());
        writeNullable(out, split.initialSelector().value());
        writeNullable(out, split.lastFragmentNumber());
        writeNullable(out, split.lastProducerTimestampMillis());
        writeNullable(out, split.lastServerTimestampMillis());
        writeNullable(out, split.continuationToken());
        out.writeLong(split.fragmentsRead());
    }

    @Override
    public KvsSplit deserialize(int version, byte[] serialized) throws IOException {
        return read(version, new DataInputDeserializer(serialized));
    }

    static KvsSplit read(int version, DataInputDeserializer in) throws IOException {
        if (version != VERSION_1) {
            throw new IOException(
                    "Unknown KVS split serializer version "
                            + version
                            + "; this version of Riffle reads versions up to "
                            + CURRENT);
        }
        KvsSplit.Kind kind = KvsSplit.Kind.values()[in.readByte()];
        String target = in.readUTF();
        StartSelectorType type = StartSelectorType.valueOf(in.readUTF());
        String value = readNullableString(in);
        String last = readNullableString(in);
        Long producer = readNullableLong(in);
        Long server = readNullableLong(in);
        String token = readNullableString(in);
        long read = in.readLong();
        return new KvsSplit(
                kind, target, StartSelector.of(type, value), last, producer, server, token, read);
    }

    private static void writeNullable(DataOutputSerializer out, @Nullable String value)
            throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static void writeNullable(DataOutputSerializer out, @Nullable Long value)
            throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    @Nullable
    private static String readNullableString(DataInputDeserializer in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    @Nullable
    private static Long readNullableLong(DataInputDeserializer in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }
}
