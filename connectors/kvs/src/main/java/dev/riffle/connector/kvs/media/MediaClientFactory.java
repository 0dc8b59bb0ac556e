package dev.riffle.connector.kvs.media;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;

/** Creates a {@link MediaClient} in each reader (clients are not serializable). */
@Internal
@FunctionalInterface
public interface MediaClientFactory extends Serializable {
    MediaClient create();
}
