package dev.riffle.connector.kvs.enumerator;

import dev.riffle.connector.kvs.split.KvsSplit;

import org.apache.flink.annotation.Internal;

import java.util.List;

/**
 * The enumerator's checkpoint: the splits not yet handed to a reader. Splits a reader owns are in
 * that reader's state.
 */
@Internal
public final class KvsEnumeratorState {
    private final List<KvsSplit> unassigned;

    public KvsEnumeratorState(List<KvsSplit> unassigned) {
        this.unassigned = List.copyOf(unassigned);
    }

    public List<KvsSplit> unassigned() {
        return unassigned;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KvsEnumeratorState
                && unassigned.equals(((KvsEnumeratorState) o).unassigned);
    }

    @Override
    public int hashCode() {
        return unassigned.hashCode();
    }

    @Override
    public String toString() {
        return "KvsEnumeratorState{unassigned=" + unassigned + '}';
    }
}
