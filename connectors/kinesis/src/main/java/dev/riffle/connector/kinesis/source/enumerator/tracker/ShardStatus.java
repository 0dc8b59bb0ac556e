package dev.riffle.connector.kinesis.source.enumerator.tracker;

import org.apache.flink.annotation.Internal;

/** Where a shard stands in the enumerator; the ids are stored in checkpoints. */
@Internal
public enum ShardStatus {
    /** Known, not given to a reader yet (maybe waiting for its parents). */
    UNASSIGNED(0),
    /** Given to a reader, which holds its progress in its own state. */
    ASSIGNED(1),
    /** Read to its end; kept until the stream stops listing it, so it is never read again. */
    FINISHED(2);

    public final int id;

    ShardStatus(int id) {
        this.id = id;
    }

    public static ShardStatus ofId(int id) {
        for (ShardStatus s : values()) {
            if (s.id == id) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown shard status id " + id);
    }
}
