package dev.riffle.connector.kinesis.source.split;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Checkpoint format of a {@link KinesisShardSplit}. Checkpoints are a public contract: a new format
 * gets a new version, and every older version stays readable (see the test that reads the stored
 * version-1 bytes).
 *
 * <p>Version 1: stream ARN, shard id, position (type id, optional sequence number, sub-sequence
 * number, optional timestamp millis), parent shard ids, optional hash key range, finished flag.
 */
@Internal
public final class KinesisShardSplitSerializer
        implements SimpleVersionedSerializer<KinesisShardSplit> {

    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(KinesisShardSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public KinesisShardSplit deserialize(int version, byte[] serialized) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        KinesisShardSplit split = read(version, in);
        if (in.available() > 0) {
            throw new IOException(
                    "Unexpected " + in.available() + " trailing bytes in a Kinesis shard split");
        }
        return split;
    }

    /** Writes the current version; also used inside the enumerator state. */
    static void write(KinesisShardSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.streamArn());
        out.writeUTF(split.shardId());
        writePosition(split.startingPosition(), out);
        out.writeInt(split.parentShardIds().size());
        for (String parent : split.parentShardIds()) {
            out.writeUTF(parent);
        }
        writeNullable(split.startingHashKey(), out);
        writeNullable(split.endingHashKey(), out);
        out.writeBoolean(split.isFinished());
    }

    static KinesisShardSplit read(int version, DataInputView in) throws IOException {
        if (version != VERSION_1) {
            throw new IOException(
                    "Unknown Kinesis shard split version "
                            + version
                            + "; this build reads versions up to "
                            + CURRENT_VERSION);
        }
        String stream = in.readUTF();
        String shardId = in.readUTF();
        StartingPosition position = readPosition(in);
        int parents = in.readInt();
        Set<String> parentIds = new HashSet<>();
        for (int i = 0; i < parents; i++) {
            parentIds.add(in.readUTF());
        }
        String start = readNullable(in);
        String end = readNullable(in);
        boolean finished = in.readBoolean();
        return new KinesisShardSplit(stream, shardId, position, parentIds, start, end, finished);
    }

    /** Public for the enumerator state serializer, which nests splits. */
    public static void writeSplit(KinesisShardSplit split, DataOutputView out) throws IOException {
        write(split, out);
    }

    public static KinesisShardSplit readSplit(int version, DataInputView in) throws IOException {
        return read(version, in);
    }

    private static void writePosition(StartingPosition p, DataOutputView out) throws IOException {
        out.writeByte(p.type().id);
        writeNullable(p.sequenceNumber(), out);
        out.writeLong(p.subSequenceNumber());
        out.writeBoolean(p.timestamp() != null);
        if (p.timestamp() != null) {
            out.writeLong(p.timestamp().toEpochMilli());
        }
    }

    private static StartingPosition readPosition(DataInputView in) throws IOException {
        StartingPosition.Type type = StartingPosition.Type.ofId(in.readByte());
        String seq = readNullable(in);
        long sub = in.readLong();
        Instant ts = in.readBoolean() ? Instant.ofEpochMilli(in.readLong()) : null;
        return StartingPosition.restore(type, seq, sub, ts);
    }

    private static void writeNullable(String s, DataOutputView out) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readNullable(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
