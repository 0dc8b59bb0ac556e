package dev.riffle.connector.kinesis.source;

import dev.riffle.connector.kinesis.source.config.KinesisSourceOptions.ReaderType;
import dev.riffle.connector.kinesis.source.config.internal.SourceSettings;
import dev.riffle.connector.kinesis.source.enumerator.KinesisEnumeratorState;
import dev.riffle.connector.kinesis.source.enumerator.KinesisEnumeratorStateSerializer;
import dev.riffle.connector.kinesis.source.enumerator.KinesisSourceEnumerator;
import dev.riffle.connector.kinesis.source.proxy.StreamProxyFactory;
import dev.riffle.connector.kinesis.source.reader.KinesisRecordEmitter;
import dev.riffle.connector.kinesis.source.reader.KinesisSourceReader;
import dev.riffle.connector.kinesis.source.reader.fanout.FanOutShardSplitReader;
import dev.riffle.connector.kinesis.source.reader.internal.Clock;
import dev.riffle.connector.kinesis.source.reader.polling.PollingShardSplitReader;
import dev.riffle.connector.kinesis.source.serialization.KinesisDeserializationSchema;
import dev.riffle.connector.kinesis.source.split.KinesisShardSplit;
import dev.riffle.connector.kinesis.source.split.KinesisShardSplitSerializer;
import dev.riffle.connector.kinesis.source.split.StartingPosition;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.util.UserCodeClassLoader;

import java.util.HashMap;
import java.util.Map;

/**
 * A Kinesis Data Streams source (FLIP-27): every shard is a split, read by polling (GetRecords) or
 * enhanced fan-out (SubscribeToShard), with KPL de-aggregation, per-shard watermarks, and
 * exactly-once state through Flink checkpoints. Build it with {@link #builder()}:
 *
 * <pre>{@code
 * KinesisSource<String> source =
 *     KinesisSource.<String>builder()
 *         .streamArn("arn:aws:kinesis:us-east-1:123456789012:stream/events")
 *         .deserializationSchema(new SimpleStringSchema())
 *         .build();
 * env.fromSource(source, WatermarkStrategy.forMonotonousTimestamps(), "events").uid("events-source");
 * }</pre>
 *
 * <p>Records carry their approximate arrival time as timestamp; a {@code WatermarkStrategy}
 * timestamp assigner can replace it. Watermarks are generated per shard; add {@code withIdleness}
 * so that a shard without traffic does not hold the watermark back.
 *
 * @param <T> the type the deserialization schema produces
 */
@PublicEvolving
public final class KinesisSource<T>
        implements Source<T, KinesisShardSplit, KinesisEnumeratorState>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    private final SourceSettings settings;
    private final KinesisDeserializationSchema<T> schema;
    private final Map<String, StartingPosition> shardPositions;
    private final StreamProxyFactory proxyFactory;

    KinesisSource(
            SourceSettings settings,
            KinesisDeserializationSchema<T> schema,
            Map<String, StartingPosition> shardPositions,
            StreamProxyFactory proxyFactory) {
        this.settings = settings;
        this.schema = schema;
        this.shardPositions = new HashMap<>(shardPositions);
        this.proxyFactory = proxyFactory;
    }

    /** A builder; see {@link KinesisSourceBuilder} for the settings and their defaults. */
    public static <T> KinesisSourceBuilder<T> builder() {
        return new KinesisSourceBuilder<>();
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<KinesisShardSplit, KinesisEnumeratorState> createEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> context) {
        return restoreEnumerator(context, null);
    }

    @Override
    public SplitEnumerator<KinesisShardSplit, KinesisEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> context, KinesisEnumeratorState state) {
        return new KinesisSourceEnumerator(
                context, settings, proxyFactory.create(settings, false), shardPositions, state);
    }

    @Override
    public SourceReader<T, KinesisShardSplit> createReader(SourceReaderContext context)
            throws Exception {
        schema.open(
                new DeserializationSchema.InitializationContext() {
                    @Override
                    public MetricGroup getMetricGroup() {
                        return context.metricGroup().addGroup("deserializer");
                    }

                    @Override
                    public UserCodeClassLoader getUserCodeClassLoader() {
                        return context.getUserCodeClassLoader();
                    }
                });
        SourceReaderMetricGroup metrics = context.metricGroup();
        return new KinesisSourceReader<>(
                () ->
                        settings.readerType == ReaderType.EFO
                                ? new FanOutShardSplitReader(
                                        proxyFactory.create(settings, true), settings, metrics)
                                : new PollingShardSplitReader(
                                        proxyFactory.create(settings, true),
                                        settings,
                                        metrics,
                                        Clock.SYSTEM),
                new KinesisRecordEmitter<>(schema),
                context.getConfiguration(),
                context);
    }

    @Override
    public SimpleVersionedSerializer<KinesisShardSplit> getSplitSerializer() {
        return new KinesisShardSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<KinesisEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new KinesisEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return schema.getProducedType();
    }

    SourceSettings settings() {
        return settings;
    }
}
