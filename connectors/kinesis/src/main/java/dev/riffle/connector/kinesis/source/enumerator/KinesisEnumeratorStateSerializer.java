package dev.riffle.connector.kinesis.source.enumerator;

import dev.riffle.connector.kinesis.source.enumerator.tracker.ShardEntry;
import dev.riffle.connector.kinesis.source.enumerator.tracker.ShardStatus;
import dev.riffle.connector.kinesis.source.split.KinesisShardSplit;
import dev.riffle.connector.kinesis.source.split.KinesisShardSplitSerializer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checkpoint format of the enumerator. Version 1: initial-discovery flag, the split format version
 * used inside, then per shard its status id, owner index and split.
 */
@Internal
public final class KinesisEnumeratorStateSerializer
        implements SimpleVersionedSerializer<KinesisEnumeratorState> {

    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(KinesisEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeBoolean(state.initialDiscoveryDone());
        out.writeInt(KinesisShardSplitSerializer.CURRENT_VERSION);
        out.writeInt(state.shards().size());
        for (ShardEntry e : state.shards()) {
            out.writeByte(e.status().id);
            out.writeInt(e.owner());
            KinesisShardSplitSerializer.writeSplit(e.split(), out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public KinesisEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1) {
            throw new IOException(
                    "Unknown Kinesis enumerator state version "
                            + version
                            + "; this build reads versions up to "
                            + CURRENT_VERSION);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        boolean initialDone = in.readBoolean();
        int splitVersion = in.readInt();
        int n = in.readInt();
        List<ShardEntry> shards = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ShardStatus status = ShardStatus.ofId(in.readByte());
            int owner = in.readInt();
            KinesisShardSplit split = KinesisShardSplitSerializer.readSplit(splitVersion, in);
            shards.add(new ShardEntry(split, status, owner));
        }
        if (in.available() > 0) {
            throw new IOException(
                    "Unexpected "
                            + in.available()
                            + " trailing bytes in a Kinesis enumerator state");
        }
        return new KinesisEnumeratorState(shards, initialDone);
    }
}
