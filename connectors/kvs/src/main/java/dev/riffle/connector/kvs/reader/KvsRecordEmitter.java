package dev.riffle.connector.kvs.reader;

import dev.riffle.connector.kvs.KvsFragment;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/**
 * Emits a fragment with its event time (producer timestamp, else server timestamp, else MKV
 * timecode) and records it as the split's last complete fragment in the same step, so a checkpoint
 * never stores a position ahead of or behind what was emitted.
 */
@Internal
final class KvsRecordEmitter implements RecordEmitter<KvsFragment, KvsFragment, KvsSplitState> {
    @Override
    public void emitRecord(
            KvsFragment fragment, SourceOutput<KvsFragment> output, KvsSplitState state) {
        output.collect(fragment, fragment.eventTimeMillis());
        state.emitted(fragment);
    }
}
