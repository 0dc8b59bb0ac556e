package dev.riffle.connector.kinesis.source.proxy;

import dev.riffle.connector.kinesis.source.config.internal.SourceSettings;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;

/** Creates the {@link StreamProxy} of an enumerator or a reader; tests substitute fakes. */
@Internal
@FunctionalInterface
public interface StreamProxyFactory extends Serializable {

    /**
     * @param forReader readers retry per shard themselves, so their client does not retry
     */
    StreamProxy create(SourceSettings settings, boolean forReader);

    /** Proxies on the AWS SDK. */
    static StreamProxyFactory sdk() {
        return (settings, forReader) ->
                new KinesisStreamProxy(settings.stream, settings.aws, !forReader);
    }
}
