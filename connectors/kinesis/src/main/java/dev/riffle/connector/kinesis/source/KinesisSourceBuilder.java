package dev.riffle.connector.kinesis.source;

import dev.riffle.connector.kinesis.aws.AwsConfigOptions;
import dev.riffle.connector.kinesis.aws.StreamAddress;
import dev.riffle.connector.kinesis.source.config.KinesisSourceOptions;
import dev.riffle.connector.kinesis.source.config.KinesisSourceOptions.InitialPosition;
import dev.riffle.connector.kinesis.source.config.KinesisSourceOptions.ReaderType;
import dev.riffle.connector.kinesis.source.config.internal.SourceSettings;
import dev.riffle.connector.kinesis.source.proxy.StreamProxyFactory;
import dev.riffle.connector.kinesis.source.serialization.KinesisDeserializationSchema;
import dev.riffle.connector.kinesis.source.split.StartingPosition;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.util.Preconditions;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link KinesisSource}. Only the stream and the deserialization schema are required:
 *
 * <pre>{@code
 * KinesisSource<String> source =
 *     KinesisSource.<String>builder()
 *         .streamArn("arn:aws:kinesis:us-east-1:123456789012:stream/events")
 *         .deserializationSchema(new SimpleStringSchema())
 *         .initialPosition(InitialPosition.TRIM_HORIZON)   // default LATEST
 *         .build();
 * }</pre>
 *
 * <p>Defaults: start at LATEST (the job's start time); polling with up to 10000 records per call,
 * at most 5 calls and 2 MB per second per shard, 250 ms rest for idle shards; shard discovery every
 * 10 s; shards spread uniformly; credentials from the AWS SDK default chain; the region from the
 * ARN. Any {@code aws.*}, {@code stream.*} or {@code source.*} option can be set with {@link
 * #set(String, String)}; {@link #build()} checks them all and reports every problem at once.
 */
@PublicEvolving
public final class KinesisSourceBuilder<T> {

    private final Map<String, String> config = new HashMap<>();
    private final Map<String, StartingPosition> shardPositions = new HashMap<>();
    private KinesisDeserializationSchema<T> schema;
    private StreamProxyFactory proxyFactory = StreamProxyFactory.sdk();

    KinesisSourceBuilder() {}

    /** The stream by ARN (the region comes from the ARN). */
    public KinesisSourceBuilder<T> streamArn(String arn) {
        return set(StreamAddress.STREAM_ARN.key(), arn);
    }

    /** The stream by name; also set {@link #region(String)}. */
    public KinesisSourceBuilder<T> streamName(String name) {
        return set(StreamAddress.STREAM_NAME.key(), name);
    }

    public KinesisSourceBuilder<T> region(String region) {
        return set(AwsConfigOptions.AWS_REGION.key(), region);
    }

    /** Endpoint override: a VPC endpoint, or an emulator. */
    public KinesisSourceBuilder<T> endpoint(String endpoint) {
        return set(AwsConfigOptions.AWS_ENDPOINT.key(), endpoint);
    }

    public KinesisSourceBuilder<T> deserializationSchema(KinesisDeserializationSchema<T> schema) {
        this.schema = schema;
        return this;
    }

    /** A plain schema that sees the payload only. */
    public KinesisSourceBuilder<T> deserializationSchema(DeserializationSchema<T> schema) {
        this.schema = KinesisDeserializationSchema.of(schema);
        return this;
    }

    public KinesisSourceBuilder<T> initialPosition(InitialPosition position) {
        return set(KinesisSourceOptions.STREAM_INITIAL_POSITION.key(), position.name());
    }

    /** Start at a time: sets AT_TIMESTAMP. */
    public KinesisSourceBuilder<T> initialTimestamp(Instant timestamp) {
        initialPosition(InitialPosition.AT_TIMESTAMP);
        return set(
                KinesisSourceOptions.STREAM_INITIAL_TIMESTAMP.key(),
                String.format(Locale.ROOT, "%.3f", timestamp.toEpochMilli() / 1000.0));
    }

    /**
     * Start one shard at a sequence number ({@link StartingPosition#atSequenceNumber} or {@link
     * StartingPosition#afterSequenceNumber}) instead of the initial position. Used only when there
     * is no checkpoint.
     */
    public KinesisSourceBuilder<T> shardStartingPosition(
            String shardId, StartingPosition position) {
        Preconditions.checkNotNull(shardId, "shardId");
        Preconditions.checkNotNull(position, "position");
        shardPositions.put(shardId, position);
        return this;
    }

    public KinesisSourceBuilder<T> readerType(ReaderType type) {
        return set(KinesisSourceOptions.READER_TYPE.key(), type.name());
    }

    /** Enhanced fan-out through the named consumer. */
    public KinesisSourceBuilder<T> enhancedFanOut(String consumerName) {
        readerType(ReaderType.EFO);
        return set(KinesisSourceOptions.EFO_CONSUMER_NAME.key(), consumerName);
    }

    public <V> KinesisSourceBuilder<T> set(ConfigOption<V> option, V value) {
        return set(option.key(), String.valueOf(value));
    }

    /** Any {@code aws.*}, {@code stream.*} or {@code source.*} option, as text. */
    public KinesisSourceBuilder<T> set(String key, String value) {
        Preconditions.checkNotNull(key, "key");
        Preconditions.checkNotNull(value, "value of %s", key);
        config.put(key, value);
        return this;
    }

    /** Several options at once, e.g. an MSF property group. */
    public KinesisSourceBuilder<T> setAll(Map<String, String> options) {
        options.forEach(this::set);
        return this;
    }

    /** Tests substitute a fake Kinesis here. */
    KinesisSourceBuilder<T> proxyFactory(StreamProxyFactory factory) {
        this.proxyFactory = factory;
        return this;
    }

    /**
     * Checks every setting and builds the source. LATEST is resolved here, to the time of this
     * call.
     *
     * @throws IllegalConfigurationException naming each bad key, its value, why, and what is
     *     accepted
     */
    public KinesisSource<T> build() {
        List<String> problems = new java.util.ArrayList<>();
        SourceSettings settings = null;
        try {
            settings = SourceSettings.from(config, Instant.now());
        } catch (IllegalConfigurationException e) {
            problems.add(e.getMessage());
        }
        if (schema == null) {
            problems.add(
                    "Missing deserialization schema: call deserializationSchema(...) with a"
                            + " KinesisDeserializationSchema or a DeserializationSchema");
        }
        if (!problems.isEmpty()) {
            throw new IllegalConfigurationException(String.join("\n", problems));
        }
        return new KinesisSource<>(settings, schema, shardPositions, proxyFactory);
    }
}
