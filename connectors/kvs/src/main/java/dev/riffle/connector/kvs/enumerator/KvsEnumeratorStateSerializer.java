package dev.riffle.connector.kvs.enumerator;

import dev.riffle.connector.kvs.split.KvsSplit;
import dev.riffle.connector.kvs.split.KvsSplitSerializer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Version 1: the split serializer's version (int), the number of unassigned splits (int), then each
 * split's serialized bytes (length-prefixed).
 */
@Internal
public final class KvsEnumeratorStateSerializer
        implements SimpleVersionedSerializer<KvsEnumeratorState> {
    private static final int VERSION_1 = 1;

    @Override
    public int getVersion() {
        return VERSION_1;
    }

    @Override
    public byte[] serialize(KvsEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(KvsSplitSerializer.INSTANCE.getVersion());
        out.writeInt(state.unassigned().size());
        for (KvsSplit split : state.unassigned()) {
            byte[] bytes = KvsSplitSerializer.INSTANCE.serialize(split);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public KvsEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1) {
            throw new IOException("Unknown KVS enumerator state version " + version);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int splitVersion = in.readInt();
        int count = in.readInt();
        List<KvsSplit> splits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            splits.add(KvsSplitSerializer.INSTANCE.deserialize(splitVersion, bytes));
        }
        return new KvsEnumeratorState(splits);
    }
}
