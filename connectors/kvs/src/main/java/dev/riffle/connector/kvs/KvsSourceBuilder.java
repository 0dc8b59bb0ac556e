package dev.riffle.connector.kvs;

import dev.riffle.connector.kinesis.aws.AwsSettings;
import dev.riffle.connector.kvs.config.KvsSourceConfig;
import dev.riffle.connector.kvs.config.KvsSourceOptions;
import dev.riffle.connector.kvs.media.AwsMediaClient;
import dev.riffle.connector.kvs.media.MediaClientFactory;

import org.apache.flink.annotation.PublicEvolving;

import javax.annotation.Nullable;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link KvsSource}. Every setter writes the matching configuration key, so {@link
 * #properties(Map)} (e.g. a Managed Flink property group) and the setters can be mixed; {@link
 * #build()} validates everything and reports all problems at once.
 *
 * <p>Defaults: start at {@code NOW}, no frame metadata, at most 5 GetMedia calls per second per
 * stream, retries backing off from 500 ms to 30 s, 1 s before reconnecting to an idle stream.
 */
@PublicEvolving
public final class KvsSourceBuilder {
    private final Map<String, String> properties = new LinkedHashMap<>();
    @Nullable private MediaClientFactory clients;

    KvsSourceBuilder() {}

    /** Adds configuration keys: {@code stream.*}, {@code source.*} and {@code aws.*}. */
    public KvsSourceBuilder properties(Map<String, String> values) {
        properties.putAll(values);
        return this;
    }

    public KvsSourceBuilder streamArns(String... arns) {
        return set(KvsSourceOptions.STREAM_ARN.key(), String.join(";", arns));
    }

    public KvsSourceBuilder streamNames(String... names) {
        return set(KvsSourceOptions.STREAM_NAME.key(), String.join(";", names));
    }

    /** Bounded mode: read these MKV files (paths or file system URIs) instead of streams. */
    public KvsSourceBuilder files(String... paths) {
        return set(KvsSourceOptions.FILE_PATHS.key(), String.join(";", Arrays.asList(paths)));
    }

    public KvsSourceBuilder files(List<String> paths) {
        return set(KvsSourceOptions.FILE_PATHS.key(), String.join(";", paths));
    }

    public KvsSourceBuilder startSelector(StartSelector selector) {
        set(KvsSourceOptions.INIT_POSITION.key(), selector.type().name());
        switch (selector.type()) {
            case FRAGMENT_NUMBER:
                return set(KvsSourceOptions.INIT_FRAGMENT_NUMBER.key(), selector.value());
            case SERVER_TIMESTAMP:
            case PRODUCER_TIMESTAMP:
                return set(KvsSourceOptions.INIT_TIMESTAMP.key(), selector.value());
            case CONTINUATION_TOKEN:
                return set(KvsSourceOptions.INIT_CONTINUATION_TOKEN.key(), selector.value());
            default:
                return this;
        }
    }

    public KvsSourceBuilder withFrames(boolean frames) {
        return set(KvsSourceOptions.FRAMES_ENABLED.key(), Boolean.toString(frames));
    }

    public KvsSourceBuilder maxGetMediaCallsPerSecond(double calls) {
        return set(KvsSourceOptions.GET_MEDIA_MAX_CALLS_PER_SECOND.key(), Double.toString(calls));
    }

    public KvsSourceBuilder retryBackoff(Duration initial, Duration max) {
        set(KvsSourceOptions.RETRY_INITIAL_BACKOFF.key(), initial.toMillis() + " ms");
        return set(KvsSourceOptions.RETRY_MAX_BACKOFF.key(), max.toMillis() + " ms");
    }

    public KvsSourceBuilder idleReconnectDelay(Duration delay) {
        return set(KvsSourceOptions.IDLE_RECONNECT_DELAY.key(), delay.toMillis() + " ms");
    }

    /** Replaces the AWS GetMedia client (tests use fakes behind the same interface). */
    KvsSourceBuilder mediaClients(MediaClientFactory factory) {
        this.clients = factory;
        return this;
    }

    /**
     * Validates the configuration and builds the source.
     *
     * @throws org.apache.flink.configuration.IllegalConfigurationException listing every problem
     */
    public KvsSource build() {
        KvsSourceConfig config = KvsSourceConfig.from(Map.copyOf(properties));
        MediaClientFactory factory = clients;
        if (factory == null) {
            AwsSettings aws = config.aws();
            factory = aws == null ? NoStreams.INSTANCE : () -> new AwsMediaClient(aws);
        }
        return new KvsSource(config, factory);
    }

    private KvsSourceBuilder set(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** Bounded mode reads files only. */
    private enum NoStreams implements MediaClientFactory {
        INSTANCE;

        @Override
        public dev.riffle.connector.kvs.media.MediaClient create() {
            throw new IllegalStateException("This KVS source reads files only");
        }
    }
}
