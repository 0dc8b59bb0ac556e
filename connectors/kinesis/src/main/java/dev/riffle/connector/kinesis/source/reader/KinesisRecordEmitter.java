package dev.riffle.connector.kinesis.source.reader;

import dev.riffle.connector.kinesis.source.reader.internal.FetchedRecord;
import dev.riffle.connector.kinesis.source.serialization.KinesisDeserializationSchema;
import dev.riffle.connector.kinesis.source.serialization.KinesisRecord;
import dev.riffle.connector.kinesis.source.split.internal.KinesisShardSplitState;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.util.Collector;

/**
 * Deserializes a fetched record into the split's own output (so that watermarks are generated per
 * shard), timestamped with the approximate arrival time, and then moves the split's position past
 * it. A {@code WatermarkStrategy} timestamp assigner may replace the timestamp.
 */
@Internal
public final class KinesisRecordEmitter<T>
        implements RecordEmitter<FetchedRecord, T, KinesisShardSplitState> {

    private final KinesisDeserializationSchema<T> schema;
    private final TimestampedCollector<T> collector = new TimestampedCollector<>();

    public KinesisRecordEmitter(KinesisDeserializationSchema<T> schema) {
        this.schema = schema;
    }

    @Override
    public void emitRecord(FetchedRecord r, SourceOutput<T> output, KinesisShardSplitState state)
            throws Exception {
        KinesisRecord record =
                new KinesisRecord(
                        r.data,
                        r.partitionKey,
                        r.explicitHashKey,
                        r.sequenceNumber,
                        r.subSequenceNumber,
                        state.split().shardId(),
                        state.split().streamArn(),
                        r.arrival);
        collector.output = output;
        collector.timestamp = r.arrival.toEpochMilli();
        if (r.isCorrupt()) {
            schema.deserializeCorrupt(record, r.corruption(), collector);
        } else {
            schema.deserialize(record, collector);
        }
        state.advance(r.sequenceNumber, r.subSequenceNumber, r.lastOfSequenceNumber);
    }

    private static final class TimestampedCollector<T> implements Collector<T> {
        SourceOutput<T> output;
        long timestamp;

        @Override
        public void collect(T value) {
            output.collect(value, timestamp);
        }

        @Override
        public void close() {}
    }
}
