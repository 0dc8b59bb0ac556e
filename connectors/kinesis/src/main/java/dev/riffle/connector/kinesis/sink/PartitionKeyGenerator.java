package dev.riffle.connector.kinesis.sink;

import dev.riffle.connector.kinesis.sink.internal.FieldAccessor;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.Serializable;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses the partition key of a record; Kinesis hashes it (MD5) to pick the shard, and records
 * with the same key keep their order. A key is 1 to 256 characters: a record whose key is missing,
 * empty or longer fails the job, or goes to the dead-letter output when one is configured.
 *
 * @param <T> the sink's input type
 */
@PublicEvolving
@FunctionalInterface
public interface PartitionKeyGenerator<T> extends Serializable {

    /** The key for {@code element}. */
    String apply(T element);

    /** Called once per sink subtask before the first record. */
    default void open(WriterInitContext context) throws Exception {}

    /** A random key per record: spreads load evenly, keeps no order. */
    static <T> PartitionKeyGenerator<T> random() {
        return new Random<>();
    }

    /**
     * One key per sink subtask ({@code "0"}, {@code "1"}, ...): each subtask writes to one shard
     * and keeps its order, as the official connector's {@code fixed} partitioner.
     */
    static <T> PartitionKeyGenerator<T> fixed() {
        return new Fixed<>();
    }

    /**
     * The text of a field: a public field or getter ({@code getName()} or {@code name()}) of a POJO
     * or record, a key of a {@code Map}, or a named field of a Flink {@code Row}. A missing or null
     * value is a record without a key.
     */
    static <T> PartitionKeyGenerator<T> field(String name) {
        return new FieldAccessor<>(name);
    }

    /** See {@link #random()}. */
    final class Random<T> implements PartitionKeyGenerator<T> {
        private static final long serialVersionUID = 1L;

        @Override
        public String apply(T element) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            return new UUID(r.nextLong(), r.nextLong()).toString();
        }
    }

    /** See {@link #fixed()}. */
    final class Fixed<T> implements PartitionKeyGenerator<T> {
        private static final long serialVersionUID = 1L;
        private String key = "0";

        @Override
        public void open(WriterInitContext context) {
            key = String.valueOf(context.getTaskInfo().getIndexOfThisSubtask());
        }

        @Override
        public String apply(T element) {
            return key;
        }
    }
}
