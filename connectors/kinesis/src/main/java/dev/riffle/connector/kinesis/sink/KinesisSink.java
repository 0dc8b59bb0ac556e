package dev.riffle.connector.kinesis.sink;

import dev.riffle.connector.kinesis.sink.internal.EntryConverter;
import dev.riffle.connector.kinesis.sink.internal.KinesisSinkClientFactory;
import dev.riffle.connector.kinesis.sink.internal.KinesisSinkEntry;
import dev.riffle.connector.kinesis.sink.internal.KinesisSinkStateSerializer;
import dev.riffle.connector.kinesis.sink.internal.KinesisSinkWriter;
import dev.riffle.connector.kinesis.sink.internal.SinkSettings;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import javax.annotation.Nullable;

import java.util.Collection;
import java.util.List;

/**
 * A Kinesis Data Streams sink (Sink V2, on Flink's async sink): records are batched into PutRecords
 * requests, failed entries are retried with an adaptive rate, records that can never be written
 * fail the job or go to a dead-letter output, and every buffered record is written before a
 * checkpoint completes (at-least-once). Build it with {@link #builder()}:
 *
 * <pre>{@code
 * KinesisSink<Event> sink =
 *     KinesisSink.<Event>builder()
 *         .streamArn("arn:aws:kinesis:us-east-1:123456789012:stream/events")
 *         .serializationSchema(new JsonSerializationSchema<>())
 *         .partitionKeyGenerator(event -> event.userId)
 *         .build();
 * events.sinkTo(sink).uid("events-sink");
 * }</pre>
 *
 * @param <T> the type of the records written
 */
@PublicEvolving
public final class KinesisSink<T> extends AsyncSinkBase<T, KinesisSinkEntry> {
    private static final long serialVersionUID = 1L;

    private final SinkSettings settings;
    private final EntryConverter<T> converter;
    @Nullable private final KinesisSinkDeadLetterHandler deadLetters;
    private final KinesisSinkClientFactory clientFactory;

    KinesisSink(
            SinkSettings settings,
            EntryConverter<T> converter,
            @Nullable KinesisSinkDeadLetterHandler deadLetters,
            KinesisSinkClientFactory clientFactory) {
        super(
                converter,
                settings.maxBatchSize,
                settings.maxInFlightRequests,
                settings.maxBufferedRequests,
                settings.maxBatchSizeInBytes,
                settings.maxTimeInBuffer.toMillis(),
                settings.maxRecordSizeInBytes,
                settings.requestTimeout.toMillis(),
                settings.failOnTimeout);
        this.settings = settings;
        this.converter = converter;
        this.deadLetters = deadLetters;
        this.clientFactory = clientFactory;
    }

    /** A builder; see {@link KinesisSinkBuilder} for the settings and their defaults. */
    public static <T> KinesisSinkBuilder<T> builder() {
        return new KinesisSinkBuilder<>();
    }

    @Override
    public StatefulSinkWriter<T, BufferedRequestState<KinesisSinkEntry>> createWriter(
            WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<T, BufferedRequestState<KinesisSinkEntry>> restoreWriter(
            WriterInitContext context, Collection<BufferedRequestState<KinesisSinkEntry>> state) {
        return KinesisSinkWriter.create(
                context, settings, converter, clientFactory.create(settings), deadLetters, state);
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<KinesisSinkEntry>>
            getWriterStateSerializer() {
        return new KinesisSinkStateSerializer();
    }

    /** The stream written to: its ARN if known, else its name. */
    public String streamId() {
        return settings.stream.id();
    }

    @VisibleForTesting
    SinkSettings settings() {
        return settings;
    }

    @Nullable
    @VisibleForTesting
    KinesisSinkDeadLetterHandler deadLetterHandler() {
        return deadLetters;
    }
}
