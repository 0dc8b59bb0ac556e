package dev.riffle.connector.kinesis.sink.internal;

import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Checkpoint state of the sink writer: the records still buffered when a checkpoint was taken. The
 * framing (identifier, count, and each entry's size) is Flink's; each entry is written as
 *
 * <pre>
 * v1: byte 1 | int dataLength | data | UTF partitionKey | boolean hasHashKey | [UTF hashKey]
 * </pre>
 *
 * The leading byte is the entry's format version, so that a later format can still read entries of
 * this one (Flink's framing does not pass the serializer version down to each entry).
 */
@Internal
public final class KinesisSinkStateSerializer
        extends AsyncSinkWriterStateSerializer<KinesisSinkEntry> {

    public static final int VERSION = 1;
    private static final byte ENTRY_V1 = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    protected void serializeRequestToStream(KinesisSinkEntry entry, DataOutputStream out)
            throws IOException {
        out.writeByte(ENTRY_V1);
        out.writeInt(entry.data().length);
        out.write(entry.data());
        out.writeUTF(entry.partitionKey());
        out.writeBoolean(entry.explicitHashKey() != null);
        if (entry.explicitHashKey() != null) {
            out.writeUTF(entry.explicitHashKey());
        }
    }

    @Override
    protected KinesisSinkEntry deserializeRequestFromStream(long requestSize, DataInputStream in)
            throws IOException {
        byte format = in.readByte();
        if (format != ENTRY_V1) {
            throw new IOException(
                    "Unknown Kinesis sink entry format "
                            + format
                            + " (this version reads format "
                            + ENTRY_V1
                            + "): was the checkpoint written by a newer Riffle?");
        }
        int length = in.readInt();
        if (length < 0 || length > requestSize) {
            throw new IOException(
                    "Corrupt Kinesis sink state: data of " + length + " bytes in an entry");
        }
        byte[] data = new byte[length];
        in.readFully(data);
        String partitionKey = in.readUTF();
        String hashKey = in.readBoolean() ? in.readUTF() : null;
        return new KinesisSinkEntry(data, partitionKey, hashKey);
    }
}
