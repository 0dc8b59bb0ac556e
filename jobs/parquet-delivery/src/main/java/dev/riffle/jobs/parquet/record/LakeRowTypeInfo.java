package dev.riffle.jobs.parquet.record;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import org.apache.avro.Schema;

/** Type information for {@link LakeRow} of one schema (no Kryo). */
@Internal
public final class LakeRowTypeInfo extends TypeInformation<LakeRow> {
    private static final long serialVersionUID = 1L;

    private final String schemaJson;

    public LakeRowTypeInfo(Schema schema) {
        this.schemaJson = schema.toString();
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<LakeRow> getTypeClass() {
        return LakeRow.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<LakeRow> createSerializer(SerializerConfig config) {
        return new LakeRowSerializer(schemaJson);
    }

    @Override
    public String toString() {
        return "LakeRow";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof LakeRowTypeInfo
                && ((LakeRowTypeInfo) obj).schemaJson.equals(schemaJson);
    }

    @Override
    public int hashCode() {
        return schemaJson.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof LakeRowTypeInfo;
    }
}
