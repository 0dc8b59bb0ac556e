package dev.riffle.connector.kvs.reader;

import dev.riffle.connector.kvs.KvsFragment;
import dev.riffle.connector.kvs.split.KvsSplit;

import org.apache.flink.annotation.Internal;

/** A split's progress as of the last fragment emitted downstream (what a checkpoint stores). */
@Internal
final class KvsSplitState {
    private KvsSplit split;

    KvsSplitState(KvsSplit split) {
        this.split = split;
    }

    void emitted(KvsFragment fragment) {
        split = split.after(fragment);
    }

    KvsSplit toSplit() {
        return split;
    }
}
