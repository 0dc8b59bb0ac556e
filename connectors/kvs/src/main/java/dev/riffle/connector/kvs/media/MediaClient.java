package dev.riffle.connector.kvs.media;

import dev.riffle.connector.kvs.StartSelector;

import org.apache.flink.annotation.Internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * The narrow interface the KVS source reads media through: open a stream's MKV from a start
 * selector. The AWS implementation calls GetDataEndpoint and GetMedia; tests use fakes. Failures
 * are {@link MediaClientException}s that say whether a retry can help.
 *
 * <p>Closing the returned stream must not wait for the rest of a live response.
 */
@Internal
public interface MediaClient extends AutoCloseable {

    InputStream getMedia(String streamArnOrName, StartSelector selector) throws IOException;

    @Override
    void close();
}
