package dev.riffle.connector.kvs.reader;

import dev.riffle.connector.kvs.KvsFragment;
import dev.riffle.connector.kvs.media.FileMediaClient;
import dev.riffle.connector.kvs.media.MediaClientFactory;
import dev.riffle.connector.kvs.split.KvsSplit;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SourceReaderBase;

import java.util.Map;

/** The KVS source's reader: a fetcher thread per split, progress kept per split. */
@Internal
public final class KvsSourceReader
        extends SourceReaderBase<KvsFragment, KvsFragment, KvsSplit, KvsSplitState> {

    public KvsSourceReader(
            SourceReaderContext context,
            MediaClientFactory streamClients,
            KvsReaderSettings settings) {
        super(
                new PerSplitFetcherManager(
                        () ->
                                new KvsSplitReader(
                                        kind ->
                                                kind == KvsSplit.Kind.FILE
                                                        ? new FileMediaClient()
                                                        : streamClients.create(),
                                        settings,
                                        context.metricGroup()),
                        new Configuration()),
                new KvsRecordEmitter(),
                new Configuration(),
                context);
    }

    @Override
    protected void onSplitFinished(Map<String, KvsSplitState> finished) {}

    @Override
    protected KvsSplitState initializedState(KvsSplit split) {
        return new KvsSplitState(split);
    }

    @Override
    protected KvsSplit toSplitType(String splitId, KvsSplitState state) {
        return state.toSplit();
    }
}
