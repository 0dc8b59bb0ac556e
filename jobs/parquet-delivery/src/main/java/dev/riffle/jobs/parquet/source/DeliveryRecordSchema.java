package dev.riffle.jobs.parquet.source;

import dev.riffle.connector.kinesis.source.serialization.KinesisDeserializationSchema;
import dev.riffle.connector.kinesis.source.serialization.KinesisRecord;
import dev.riffle.jobs.parquet.record.DeliveryRecord;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/**
 * Keeps a Kinesis record whole: its bytes and where it came from. Never fails: whether the bytes
 * are JSON is the converter's question, answered with an error record. A KPL aggregate that cannot
 * be decoded is passed on as it is, so it reaches the error prefix instead of vanishing.
 */
@Internal
public final class DeliveryRecordSchema implements KinesisDeserializationSchema<DeliveryRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(KinesisRecord record, Collector<DeliveryRecord> out) {
        out.collect(toDeliveryRecord(record));
    }

    @Override
    public void deserializeCorrupt(
            KinesisRecord record, String reason, Collector<DeliveryRecord> out) {
        out.collect(toDeliveryRecord(record));
    }

    static DeliveryRecord toDeliveryRecord(KinesisRecord record) {
        return new DeliveryRecord(
                record.data(),
                record.streamArn(),
                record.shardId(),
                record.sequenceNumber(),
                record.subSequenceNumber(),
                record.partitionKey(),
                record.approximateArrivalTimestamp() == null
                        ? System.currentTimeMillis()
                        : record.approximateArrivalTimestamp().toEpochMilli());
    }

    @Override
    public TypeInformation<DeliveryRecord> getProducedType() {
        return TypeInformation.of(DeliveryRecord.class);
    }
}
