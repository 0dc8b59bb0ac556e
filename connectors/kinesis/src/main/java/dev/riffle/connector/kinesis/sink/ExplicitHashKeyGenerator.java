package dev.riffle.connector.kinesis.sink;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import javax.annotation.Nullable;

import java.io.Serializable;

/**
 * Chooses the explicit hash key of a record: a decimal number from 0 to 2^128 - 1 that places the
 * record on the shard whose hash key range contains it, overriding the partition key's hash (the
 * partition key is still required and still stored). Return {@code null} to let the partition key
 * decide. An invalid value fails the job, or sends the record to the dead-letter output when one is
 * configured.
 *
 * @param <T> the sink's input type
 */
@PublicEvolving
@FunctionalInterface
public interface ExplicitHashKeyGenerator<T> extends Serializable {

    @Nullable
    String apply(T element);

    /** Called once per sink subtask before the first record. */
    default void open(WriterInitContext context) throws Exception {}
}
