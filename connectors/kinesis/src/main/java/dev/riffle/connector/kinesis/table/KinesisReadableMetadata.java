package dev.riffle.connector.kinesis.table;

import dev.riffle.connector.kinesis.source.serialization.KinesisRecord;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;

import java.io.Serializable;
import java.util.function.Function;

/**
 * The metadata columns a {@code 'kinesis'} table can read, e.g. {@code arrival TIMESTAMP_LTZ(3)
 * METADATA FROM 'timestamp' VIRTUAL}. The keys and types of {@code timestamp}, {@code shard-id} and
 * {@code sequence-number} are the official connector's (which declares them but leaves them empty);
 * {@code partition-key} is Riffle's.
 */
@PublicEvolving
public enum KinesisReadableMetadata {
    /** When Kinesis accepted the record (its approximate arrival timestamp). */
    TIMESTAMP(
            "timestamp",
            DataTypes.TIMESTAMP_LTZ(3).notNull(),
            r -> TimestampData.fromInstant(r.approximateArrivalTimestamp())),
    /** The shard the record was read from, e.g. {@code shardId-000000000001}. */
    SHARD_ID("shard-id", DataTypes.VARCHAR(128).notNull(), r -> StringData.fromString(r.shardId())),
    /** The record's sequence number in its shard (for a KPL-aggregated record: the aggregate's). */
    SEQUENCE_NUMBER(
            "sequence-number",
            DataTypes.VARCHAR(128).notNull(),
            r -> StringData.fromString(r.sequenceNumber())),
    /** The partition key the producer chose. */
    PARTITION_KEY(
            "partition-key",
            DataTypes.VARCHAR(256).notNull(),
            r -> StringData.fromString(r.partitionKey()));

    private final String key;
    private final DataType dataType;
    private final Reader reader;

    KinesisReadableMetadata(String key, DataType dataType, Reader reader) {
        this.key = key;
        this.dataType = dataType;
        this.reader = reader;
    }

    /** The key in {@code METADATA FROM '<key>'}. */
    public String key() {
        return key;
    }

    public DataType dataType() {
        return dataType;
    }

    /** The value of this column for a record, in Flink's internal data format. */
    public Object read(KinesisRecord record) {
        return reader.apply(record);
    }

    /** The metadata column of a key. */
    public static KinesisReadableMetadata ofKey(String key) {
        for (KinesisReadableMetadata m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown Kinesis metadata key: " + key);
    }

    private interface Reader extends Function<KinesisRecord, Object>, Serializable {}
}
