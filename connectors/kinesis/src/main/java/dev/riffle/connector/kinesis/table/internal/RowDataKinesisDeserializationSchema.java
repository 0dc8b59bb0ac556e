package dev.riffle.connector.kinesis.table.internal;

import dev.riffle.connector.kinesis.source.serialization.KinesisDeserializationSchema;
import dev.riffle.connector.kinesis.source.serialization.KinesisRecord;
import dev.riffle.connector.kinesis.table.KinesisReadableMetadata;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;

import javax.annotation.Nullable;

import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Decodes a record's payload with the table's format and appends the requested metadata columns,
 * read from the {@link KinesisRecord} itself (shard, sequence number, partition key, arrival time).
 *
 * <p>When the format cannot project, it decodes the whole physical row and {@code
 * physicalProjection} picks the fields the query needs; otherwise the format already produced
 * exactly those fields.
 */
@Internal
public final class RowDataKinesisDeserializationSchema
        implements KinesisDeserializationSchema<RowData> {
    private static final long serialVersionUID = 1L;

    private final DeserializationSchema<RowData> format;
    private final RowData.FieldGetter[] physicalFields;
    private final KinesisReadableMetadata[] metadata;
    private final TypeInformation<RowData> producedType;
    private final boolean passThrough;

    private transient RecordCollector collector;

    /**
     * @param format decodes the payload into the physical row (or the projected one)
     * @param decodedType the row type the format produces
     * @param physicalProjection top-level fields to keep from what the format produced, or null to
     *     keep them all
     * @param metadata the metadata columns appended after the physical ones, in order
     * @param producedType the type of the rows this schema emits
     */
    public RowDataKinesisDeserializationSchema(
            DeserializationSchema<RowData> format,
            RowType decodedType,
            @Nullable int[] physicalProjection,
            List<KinesisReadableMetadata> metadata,
            TypeInformation<RowData> producedType) {
        this.format = format;
        int[] fields =
                physicalProjection != null
                        ? physicalProjection
                        : IntStream.range(0, decodedType.getFieldCount()).toArray();
        this.physicalFields = new RowData.FieldGetter[fields.length];
        for (int i = 0; i < fields.length; i++) {
            physicalFields[i] =
                    RowData.createFieldGetter(decodedType.getTypeAt(fields[i]), fields[i]);
        }
        this.passThrough = physicalProjection == null && metadata.isEmpty();
        this.metadata = metadata.toArray(new KinesisReadableMetadata[0]);
        this.producedType = producedType;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        format.open(context);
    }

    @Override
    public void deserialize(KinesisRecord record, Collector<RowData> out) throws IOException {
        if (passThrough) {
            format.deserialize(record.data(), out);
            return;
        }
        if (collector == null) {
            collector = new RecordCollector();
        }
        collector.record = record;
        collector.out = out;
        format.deserialize(record.data(), collector);
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }

    /** Builds the produced row from each decoded physical row and the record's metadata. */
    private final class RecordCollector implements Collector<RowData> {
        KinesisRecord record;
        Collector<RowData> out;

        @Override
        public void collect(RowData physical) {
            int arity = physicalFields.length;
            GenericRowData row = new GenericRowData(physical.getRowKind(), arity + metadata.length);
            for (int i = 0; i < arity; i++) {
                row.setField(i, physicalFields[i].getFieldOrNull(physical));
            }
            for (int i = 0; i < metadata.length; i++) {
                row.setField(arity + i, metadata[i].read(record));
            }
            out.collect(row);
        }

        @Override
        public void close() {}
    }
}
