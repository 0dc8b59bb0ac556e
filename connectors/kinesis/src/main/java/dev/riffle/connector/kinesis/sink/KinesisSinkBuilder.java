package dev.riffle.connector.kinesis.sink;

import dev.riffle.connector.kinesis.aws.AwsConfigOptions;
import dev.riffle.connector.kinesis.aws.StreamAddress;
import dev.riffle.connector.kinesis.sink.internal.DeadLetterStream;
import dev.riffle.connector.kinesis.sink.internal.EntryConverter;
import dev.riffle.connector.kinesis.sink.internal.KinesisSinkClientFactory;
import dev.riffle.connector.kinesis.sink.internal.SinkSettings;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.util.Preconditions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link KinesisSink}. The stream, a serialization schema and a partition key are
 * required:
 *
 * <pre>{@code
 * KinesisSink<String> sink =
 *     KinesisSink.<String>builder()
 *         .streamArn("arn:aws:kinesis:us-east-1:123456789012:stream/events")
 *         .serializationSchema(new SimpleStringSchema())
 *         .partitionKeyGenerator(line -> line.substring(0, 8))   // or randomPartitionKey()
 *         .deadLetterStreamArn("arn:aws:kinesis:us-east-1:123456789012:stream/dead-letters")
 *         .build();
 * }</pre>
 *
 * <p>Defaults (the official connector's): at most 500 records and 5 MiB per PutRecords request, 50
 * requests in flight, 10000 records buffered, a record waits at most 5 s; records up to 1 MiB (data
 * plus partition key); failed entries retried after 50 ms doubling up to 2 s; no dead-letter
 * output, so a record that can never be written fails the job. Any {@code aws.*}, {@code stream.*}
 * or {@code sink.*} option ({@link KinesisSinkOptions}) can be set with {@link #set(String,
 * String)}; {@link #build()} checks them all and reports every problem at once.
 */
@PublicEvolving
public final class KinesisSinkBuilder<T> {

    private final Map<String, String> config = new HashMap<>();
    private SerializationSchema<T> schema;
    private PartitionKeyGenerator<T> partitionKeys;
    private ExplicitHashKeyGenerator<T> hashKeys;
    private KinesisSinkDeadLetterHandler deadLetters;
    private KinesisSinkClientFactory clientFactory = KinesisSinkClientFactory.sdk();

    KinesisSinkBuilder() {}

    /** The stream by ARN (the region comes from the ARN). */
    public KinesisSinkBuilder<T> streamArn(String arn) {
        return set(StreamAddress.STREAM_ARN.key(), arn);
    }

    /** The stream by name; also set {@link #region(String)}. */
    public KinesisSinkBuilder<T> streamName(String name) {
        return set(StreamAddress.STREAM_NAME.key(), name);
    }

    public KinesisSinkBuilder<T> region(String region) {
        return set(AwsConfigOptions.AWS_REGION.key(), region);
    }

    /** Endpoint override: a VPC endpoint, or an emulator. */
    public KinesisSinkBuilder<T> endpoint(String endpoint) {
        return set(AwsConfigOptions.AWS_ENDPOINT.key(), endpoint);
    }

    /** Turns a record into the bytes written to Kinesis. Opened once per subtask. */
    public KinesisSinkBuilder<T> serializationSchema(SerializationSchema<T> schema) {
        this.schema = schema;
        return this;
    }

    /** The partition key of each record (1 to 256 characters). */
    public KinesisSinkBuilder<T> partitionKeyGenerator(PartitionKeyGenerator<T> generator) {
        this.partitionKeys = generator;
        return this;
    }

    /** The partition key is the text of a field; see {@link PartitionKeyGenerator#field}. */
    public KinesisSinkBuilder<T> partitionKeyField(String fieldName) {
        return partitionKeyGenerator(PartitionKeyGenerator.field(fieldName));
    }

    /** A random partition key per record: even load, no order. */
    public KinesisSinkBuilder<T> randomPartitionKey() {
        return partitionKeyGenerator(PartitionKeyGenerator.random());
    }

    /** An explicit hash key per record (or null for none), to pick the shard directly. */
    public KinesisSinkBuilder<T> explicitHashKeyGenerator(ExplicitHashKeyGenerator<T> generator) {
        this.hashKeys = generator;
        return this;
    }

    /**
     * Where records that can never be written go, instead of failing the job. See also {@link
     * #deadLetterStreamArn(String)}.
     */
    public KinesisSinkBuilder<T> deadLetterHandler(KinesisSinkDeadLetterHandler handler) {
        this.deadLetters = handler;
        return this;
    }

    /** Writes records that can never be written as JSON dead letters to this stream. */
    public KinesisSinkBuilder<T> deadLetterStreamArn(String arn) {
        return set(KinesisSinkOptions.SINK_DEAD_LETTER_STREAM_ARN.key(), arn);
    }

    /** As {@link #deadLetterStreamArn(String)}, by name in {@code aws.region}. */
    public KinesisSinkBuilder<T> deadLetterStreamName(String name) {
        return set(KinesisSinkOptions.SINK_DEAD_LETTER_STREAM_NAME.key(), name);
    }

    public KinesisSinkBuilder<T> maxBatchSize(int records) {
        return set(KinesisSinkOptions.SINK_BATCH_MAX_SIZE, records);
    }

    public KinesisSinkBuilder<T> maxInFlightRequests(int requests) {
        return set(KinesisSinkOptions.SINK_REQUESTS_MAX_INFLIGHT, requests);
    }

    public KinesisSinkBuilder<T> maxBufferedRequests(int records) {
        return set(KinesisSinkOptions.SINK_REQUESTS_MAX_BUFFERED, records);
    }

    public KinesisSinkBuilder<T> maxTimeInBuffer(Duration time) {
        return set(KinesisSinkOptions.SINK_FLUSH_BUFFER_TIMEOUT.key(), time.toMillis() + " ms");
    }

    public KinesisSinkBuilder<T> failOnError(boolean fail) {
        return set(KinesisSinkOptions.SINK_FAIL_ON_ERROR, fail);
    }

    public <V> KinesisSinkBuilder<T> set(ConfigOption<V> option, V value) {
        Preconditions.checkNotNull(option, "option");
        Preconditions.checkNotNull(value, "value of %s", option.key());
        String text =
                value instanceof Duration
                        ? ((Duration) value).toMillis() + " ms"
                        : String.valueOf(value);
        return set(option.key(), text);
    }

    /** Any {@code aws.*}, {@code stream.*} or {@code sink.*} option, as text. */
    public KinesisSinkBuilder<T> set(String key, String value) {
        Preconditions.checkNotNull(key, "key");
        Preconditions.checkNotNull(value, "value of %s", key);
        config.put(key, value);
        return this;
    }

    /** Several options at once, e.g. an MSF property group. */
    public KinesisSinkBuilder<T> setAll(Map<String, String> options) {
        options.forEach(this::set);
        return this;
    }

    /** Tests substitute a fake Kinesis here. */
    KinesisSinkBuilder<T> clientFactory(KinesisSinkClientFactory factory) {
        this.clientFactory = factory;
        return this;
    }

    /**
     * Checks every setting and builds the sink.
     *
     * @throws IllegalConfigurationException naming each bad key, its value, why, and what is
     *     accepted
     */
    public KinesisSink<T> build() {
        List<String> problems = new ArrayList<>();
        SinkSettings settings = null;
        try {
            settings = SinkSettings.from(config);
        } catch (IllegalConfigurationException e) {
            problems.add(e.getMessage());
        }
        if (schema == null) {
            problems.add(
                    "Missing serialization schema: call serializationSchema(...) with the"
                            + " SerializationSchema that turns a record into bytes");
        }
        PartitionKeyGenerator<T> keys = partitionKeys;
        if (keys != null && settings != null && settings.partitioner != null) {
            problems.add(
                    "Both a partition key generator and sink.partitioner="
                            + settings.partitioner
                            + " are set: set one of them");
        }
        if (keys == null) {
            if (!config.containsKey(KinesisSinkOptions.SINK_PARTITIONER.key())) {
                problems.add(
                        "Missing partition key: call partitionKeyGenerator(...),"
                                + " partitionKeyField(...) or randomPartitionKey(), or set"
                                + " sink.partitioner (random, fixed or a class name)");
            } else if (settings != null) {
                try {
                    keys = partitionerFromOption(settings.partitioner);
                } catch (IllegalConfigurationException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        if (deadLetters != null && settings != null && settings.deadLetterStream != null) {
            problems.add(
                    "Both a dead-letter handler and a dead-letter stream"
                            + " (sink.dead-letter.stream.*) are set: set one of them");
        }
        if (!problems.isEmpty()) {
            throw new IllegalConfigurationException(String.join("\n", problems));
        }
        KinesisSinkDeadLetterHandler handler = deadLetters;
        if (handler == null && settings.deadLetterStream != null) {
            handler = new DeadLetterStream(settings.deadLetterStream, settings.aws);
        }
        EntryConverter<T> converter =
                new EntryConverter<>(
                        schema,
                        keys,
                        hashKeys,
                        settings.maxRecordSizeInBytes,
                        settings.stream.id());
        return new KinesisSink<>(settings, converter, handler, clientFactory);
    }

    @SuppressWarnings("unchecked")
    private static <T> PartitionKeyGenerator<T> partitionerFromOption(String value) {
        if (value.equals("random")) {
            return PartitionKeyGenerator.random();
        }
        if (value.equals("fixed")) {
            return PartitionKeyGenerator.fixed();
        }
        String key = KinesisSinkOptions.SINK_PARTITIONER.key();
        String accepted =
                "random, fixed, or the class name of a PartitionKeyGenerator with a public"
                        + " no-argument constructor";
        Class<?> type;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            type =
                    Class.forName(
                            value,
                            false,
                            loader != null ? loader : KinesisSinkBuilder.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw invalid(value, key, "no such class is on the classpath", accepted);
        }
        if (!PartitionKeyGenerator.class.isAssignableFrom(type)) {
            throw invalid(
                    value, key, "the class does not implement PartitionKeyGenerator", accepted);
        }
        try {
            return (PartitionKeyGenerator<T>) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw invalid(
                    value,
                    key,
                    "the class cannot be created with a public no-argument constructor (" + e + ")",
                    accepted);
        }
    }

    private static IllegalConfigurationException invalid(
            String value, String key, String reason, String accepted) {
        return new IllegalConfigurationException(
                String.format(
                        "Invalid value '%s' for configuration %s: %s. Accepted: %s",
                        value, key, reason, accepted));
    }
}
