package dev.riffle.jobs.parquet.record;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.DataInputViewStream;
import org.apache.flink.api.java.typeutils.runtime.DataOutputViewStream;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

import java.io.IOException;

/**
 * Serializes a {@link LakeRow}: the bucket as a UTF string, the record in Avro binary with the
 * lake's schema. Rows only travel between operators (never in state): normally the converter is
 * chained to the file writer and {@link #copy} returns the row itself, which is safe because rows
 * are immutable by contract.
 */
@Internal
public final class LakeRowSerializer extends TypeSerializer<LakeRow> {
    private static final long serialVersionUID = 1L;

    private final String schemaJson;
    private transient Schema schema;
    private transient GenericDatumWriter<GenericRecord> writer;
    private transient GenericDatumReader<GenericRecord> reader;
    private transient BinaryEncoder encoder;
    private transient BinaryDecoder decoder;
    private transient DataOutputViewStream lastOut;
    private transient DataInputViewStream lastIn;
    private transient DataOutputView lastOutView;
    private transient DataInputView lastInView;

    public LakeRowSerializer(String schemaJson) {
        this.schemaJson = schemaJson;
    }

    String schemaJson() {
        return schemaJson;
    }

    private Schema schema() {
        if (schema == null) {
            schema = new Schema.Parser().parse(schemaJson);
            writer = new GenericDatumWriter<>(schema);
            reader = new GenericDatumReader<>(schema);
        }
        return schema;
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<LakeRow> duplicate() {
        return new LakeRowSerializer(schemaJson);
    }

    @Override
    public LakeRow createInstance() {
        return null;
    }

    @Override
    public LakeRow copy(LakeRow from) {
        return from;
    }

    @Override
    public LakeRow copy(LakeRow from, LakeRow reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(LakeRow row, DataOutputView target) throws IOException {
        schema();
        target.writeUTF(row.bucket());
        if (lastOutView != target) {
            lastOutView = target;
            lastOut = new DataOutputViewStream(target);
            encoder = EncoderFactory.get().directBinaryEncoder(lastOut, encoder);
        }
        writer.write(row.record(), encoder);
        encoder.flush();
    }

    @Override
    public LakeRow deserialize(DataInputView source) throws IOException {
        schema();
        String bucket = source.readUTF();
        if (lastInView != source) {
            lastInView = source;
            lastIn = new DataInputViewStream(source);
            decoder = DecoderFactory.get().directBinaryDecoder(lastIn, decoder);
        }
        return new LakeRow(bucket, reader.read(null, decoder));
    }

    @Override
    public LakeRow deserialize(LakeRow reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof LakeRowSerializer
                && ((LakeRowSerializer) obj).schemaJson.equals(schemaJson);
    }

    @Override
    public int hashCode() {
        return schemaJson.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<LakeRow> snapshotConfiguration() {
        return new Snapshot(schemaJson);
    }

    /** Version 1: the schema JSON. */
    public static final class Snapshot implements TypeSerializerSnapshot<LakeRow> {
        private String schemaJson;

        public Snapshot() {}

        Snapshot(String schemaJson) {
            this.schemaJson = schemaJson;
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(schemaJson);
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
                throws IOException {
            schemaJson = in.readUTF();
        }

        @Override
        public TypeSerializer<LakeRow> restoreSerializer() {
            return new LakeRowSerializer(schemaJson);
        }

        @Override
        public TypeSerializerSchemaCompatibility<LakeRow> resolveSchemaCompatibility(
                TypeSerializerSnapshot<LakeRow> oldSerializerSnapshot) {
            if (oldSerializerSnapshot instanceof Snapshot
                    && schemaJson.equals(((Snapshot) oldSerializerSnapshot).schemaJson)) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
