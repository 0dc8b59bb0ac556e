package dev.riffle.jobs.video.io;

import dev.riffle.common.event.RawRecord;
import dev.riffle.connector.kinesis.source.serialization.KinesisDeserializationSchema;
import dev.riffle.connector.kinesis.source.serialization.KinesisRecord;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/**
 * Keeps each Kinesis record's bytes and origin: parsing happens in the job, where a bad record
 * becomes a dead letter with its shard and sequence number.
 */
public final class RawRecordSchema implements KinesisDeserializationSchema<RawRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(KinesisRecord record, Collector<RawRecord> out) {
        out.collect(raw(record));
    }

    @Override
    public void deserializeCorrupt(KinesisRecord record, String reason, Collector<RawRecord> out) {
        // A corrupt KPL aggregate is still a record someone sent: the job dead-letters it.
        RawRecord raw = raw(record);
        raw.sourceError = reason;
        out.collect(raw);
    }

    private static RawRecord raw(KinesisRecord record) {
        return new RawRecord(
                record.data(),
                record.streamArn(),
                record.shardId(),
                record.sequenceNumber(),
                record.partitionKey(),
                record.approximateArrivalTimestamp() == null
                        ? System.currentTimeMillis()
                        : record.approximateArrivalTimestamp().toEpochMilli());
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
