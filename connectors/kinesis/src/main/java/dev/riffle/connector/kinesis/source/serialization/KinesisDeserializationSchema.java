package dev.riffle.connector.kinesis.source.serialization;

import dev.riffle.connector.kinesis.source.serialization.internal.DeserializationSchemaAdapter;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.io.Serializable;

/**
 * Turns Kinesis records into the job's type, seeing the payload and its origin (partition key,
 * sequence and sub-sequence number, shard, stream, arrival time). A record may produce zero or more
 * values.
 *
 * <p>Bad input must not kill the job: a schema that can fail should emit a dead-letter value of its
 * output type instead of throwing. A KPL aggregate that cannot be decoded (bad checksum, truncated
 * protobuf) is passed to {@link #deserializeCorrupt}; the source has already logged it and counted
 * it in the shard's {@code corruptAggregates} metric.
 *
 * <pre>{@code
 * KinesisDeserializationSchema<String> schema =
 *     KinesisDeserializationSchema.of(new SimpleStringSchema());
 * }</pre>
 */
@PublicEvolving
public interface KinesisDeserializationSchema<T> extends Serializable, ResultTypeQueryable<T> {

    /** Called once per reader before the first record. */
    default void open(DeserializationSchema.InitializationContext context) throws Exception {}

    /** Emits the values of one user record. */
    void deserialize(KinesisRecord record, Collector<T> out) throws IOException;

    /**
     * Called with a record that claims to be a KPL aggregate but cannot be decoded; its {@code
     * data} is the whole raw record. The default emits nothing (the record is logged and counted);
     * override it to route the record to a dead-letter output.
     */
    default void deserializeCorrupt(KinesisRecord record, String reason, Collector<T> out)
            throws IOException {}

    /** Adapts a plain schema: it sees the payload only. */
    static <T> KinesisDeserializationSchema<T> of(DeserializationSchema<T> schema) {
        return new DeserializationSchemaAdapter<>(schema);
    }
}
