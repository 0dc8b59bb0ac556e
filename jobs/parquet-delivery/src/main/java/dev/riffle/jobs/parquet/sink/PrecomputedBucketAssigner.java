package dev.riffle.jobs.parquet.sink;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Uses the prefix the converter already evaluated (it knows the record's JSON, the checkpoint's
 * random strings and the partition cap; the sink sees only the row).
 */
@Internal
public final class PrecomputedBucketAssigner<IN> implements BucketAssigner<IN, String> {
    private static final long serialVersionUID = 1L;

    private final SerializableFunction<IN, String> bucketOf;

    public PrecomputedBucketAssigner(SerializableFunction<IN, String> bucketOf) {
        this.bucketOf = bucketOf;
    }

    @Override
    public String getBucketId(IN element, Context context) {
        return bucketOf.apply(element);
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "PrecomputedBucketAssigner";
    }
}
