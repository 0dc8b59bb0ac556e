package dev.riffle.connector.kinesis.source.serialization.internal;

import dev.riffle.connector.kinesis.source.serialization.KinesisDeserializationSchema;
import dev.riffle.connector.kinesis.source.serialization.KinesisRecord;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

import java.io.IOException;

/** A plain {@link DeserializationSchema} used as a {@link KinesisDeserializationSchema}. */
@Internal
public final class DeserializationSchemaAdapter<T> implements KinesisDeserializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final DeserializationSchema<T> schema;

    public DeserializationSchemaAdapter(DeserializationSchema<T> schema) {
        this.schema = schema;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        schema.open(context);
    }

    @Override
    public void deserialize(KinesisRecord record, Collector<T> out) throws IOException {
        schema.deserialize(record.data(), out);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return schema.getProducedType();
    }
}
