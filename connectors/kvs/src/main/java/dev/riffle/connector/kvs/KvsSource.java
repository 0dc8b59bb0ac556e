package dev.riffle.connector.kvs;

import dev.riffle.connector.kvs.config.KvsSourceConfig;
import dev.riffle.connector.kvs.enumerator.KvsEnumeratorState;
import dev.riffle.connector.kvs.enumerator.KvsEnumeratorStateSerializer;
import dev.riffle.connector.kvs.enumerator.KvsSplitEnumerator;
import dev.riffle.connector.kvs.media.MediaClientFactory;
import dev.riffle.connector.kvs.reader.KvsSourceReader;
import dev.riffle.connector.kvs.split.KvsSplit;
import dev.riffle.connector.kvs.split.KvsSplitSerializer;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Flink source of Kinesis Video Streams fragment metadata ({@link KvsFragment}): unbounded over
 * live streams (GetDataEndpoint + GetMedia, one connection per stream), or bounded over MKV files.
 * Build it with {@link #builder()}:
 *
 * <pre>{@code
 * KvsSource source = KvsSource.builder()
 *         .streamArns("arn:aws:kinesisvideo:us-east-1:123456789012:stream/door/1700000000000")
 *         .startSelector(StartSelector.earliest())
 *         .build();
 * env.fromSource(source, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(5)), "kvs")
 *         .uid("kvs-source");
 * }</pre>
 *
 * <p>Each fragment is emitted once it is complete, with its producer timestamp as event time. The
 * checkpoint keeps each stream's last complete fragment; a restored job continues after it, with no
 * fragment lost or repeated (see {@link KvsSplit}).
 */
@PublicEvolving
public final class KvsSource
        implements Source<KvsFragment, KvsSplit, KvsEnumeratorState>,
                ResultTypeQueryable<KvsFragment> {
    private static final long serialVersionUID = 1L;

    private final KvsSourceConfig config;
    private final MediaClientFactory clients;

    KvsSource(KvsSourceConfig config, MediaClientFactory clients) {
        this.config = config;
        this.clients = clients;
    }

    public static KvsSourceBuilder builder() {
        return new KvsSourceBuilder();
    }

    @Override
    public Boundedness getBoundedness() {
        return config.bounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<KvsFragment, KvsSplit> createReader(SourceReaderContext context) {
        return new KvsSourceReader(context, clients, config.reader());
    }

    @Override
    public SplitEnumerator<KvsSplit, KvsEnumeratorState> createEnumerator(
            SplitEnumeratorContext<KvsSplit> context) {
        return new KvsSplitEnumerator(context, config.splits(), config.bounded());
    }

    @Override
    public SplitEnumerator<KvsSplit, KvsEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<KvsSplit> context, KvsEnumeratorState checkpoint) {
        return new KvsSplitEnumerator(context, checkpoint.unassigned(), config.bounded());
    }

    @Override
    public SimpleVersionedSerializer<KvsSplit> getSplitSerializer() {
        return KvsSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<KvsEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new KvsEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<KvsFragment> getProducedType() {
        return TypeInformation.of(KvsFragment.class);
    }
}
