package dev.riffle.jobs.ingestion.io;

import dev.riffle.common.event.RawRecord;
import dev.riffle.connector.kinesis.source.serialization.KinesisDeserializationSchema;
import dev.riffle.connector.kinesis.source.serialization.KinesisRecord;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/**
 * Hands each Kinesis record to the job untouched, with where it came from: parsing is the
 * pipeline's first step, where a bad record becomes a dead letter that names its shard and sequence
 * number. Never throws, so no record can fail the source.
 */
@Internal
public final class RawRecordSchema implements KinesisDeserializationSchema<RawRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(KinesisRecord record, Collector<RawRecord> out) {
        out.collect(toRaw(record));
    }

    /** An undecodable KPL aggregate is data too: the pipeline dead-letters it. */
    @Override
    public void deserializeCorrupt(KinesisRecord record, String reason, Collector<RawRecord> out) {
        RawRecord raw = toRaw(record);
        raw.sourceError = reason;
        out.collect(raw);
    }

    static RawRecord toRaw(KinesisRecord record) {
        return new RawRecord(
                record.data(),
                record.streamArn(),
                record.shardId(),
                record.sequenceNumber(),
                record.partitionKey(),
                record.approximateArrivalTimestamp() != null
                        ? record.approximateArrivalTimestamp().toEpochMilli()
                        : System.currentTimeMillis());
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
