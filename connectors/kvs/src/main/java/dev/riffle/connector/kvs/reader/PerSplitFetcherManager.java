package dev.riffle.connector.kvs.reader;

import dev.riffle.connector.kvs.KvsFragment;
import dev.riffle.connector.kvs.split.KvsSplit;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.fetcher.SplitFetcher;
import org.apache.flink.connector.base.source.reader.fetcher.SplitFetcherManager;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;

import java.util.List;
import java.util.function.Supplier;

/**
 * One fetcher thread per split: a GetMedia connection blocks while it waits for the next fragment,
 * so streams sharing a thread would wait on each other.
 */
@Internal
final class PerSplitFetcherManager extends SplitFetcherManager<KvsFragment, KvsSplit> {

    PerSplitFetcherManager(
            Supplier<SplitReader<KvsFragment, KvsSplit>> readers, Configuration configuration) {
        super(readers, configuration);
    }

    @Override
    public void addSplits(List<KvsSplit> splits) {
        for (KvsSplit split : splits) {
            SplitFetcher<KvsFragment, KvsSplit> fetcher = createSplitFetcher();
            fetcher.addSplits(List.of(split));
            startFetcher(fetcher);
        }
    }

    @Override
    public void removeSplits(List<KvsSplit> splits) {
        throw new UnsupportedOperationException("KVS splits are never removed");
    }
}
