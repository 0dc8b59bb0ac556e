package dev.riffle.connector.kinesis.source.event;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;

import java.util.Set;

/**
 * Enumerator to reader: the end of these shards is recorded. Flink holds events to a reader back
 * while a checkpoint is between the enumerator's and that reader's snapshot, so once a reader has
 * this, every later checkpoint has the shards finished in the enumerator's state, and the reader
 * may drop them from its own.
 */
@Internal
public final class SplitsFinishedAckEvent implements SourceEvent {
    private static final long serialVersionUID = 1L;

    private final Set<String> splitIds;

    public SplitsFinishedAckEvent(Set<String> splitIds) {
        this.splitIds = Set.copyOf(splitIds);
    }

    public Set<String> splitIds() {
        return splitIds;
    }

    @Override
    public String toString() {
        return "SplitsFinishedAckEvent" + splitIds;
    }
}
