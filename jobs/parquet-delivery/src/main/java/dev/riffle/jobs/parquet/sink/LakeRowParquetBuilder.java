package dev.riffle.jobs.parquet.sink;

import dev.riffle.jobs.parquet.record.LakeRow;

import org.apache.flink.annotation.Internal;
import org.apache.flink.formats.parquet.ParquetBuilder;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;

/**
 * Creates a parquet-avro writer for one part file: the lake's schema, the configured codec and
 * sizes, standard three-level lists (what Athena, Spark and Trino expect), timestamps as INT64 with
 * {@code isAdjustedToUTC=true}.
 */
@Internal
public final class LakeRowParquetBuilder implements ParquetBuilder<LakeRow> {
    private static final long serialVersionUID = 1L;

    private final String schemaJson;
    private final ParquetSettings settings;

    public LakeRowParquetBuilder(Schema schema, ParquetSettings settings) {
        this.schemaJson = schema.toString();
        this.settings = settings;
    }

    @Override
    public ParquetWriter<LakeRow> createWriter(OutputFile out) throws IOException {
        Schema schema = new Schema.Parser().parse(schemaJson);
        // Without loading core-default.xml: a writer is created per part file.
        Configuration conf = new Configuration(false);
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        return new Builder(out, schema, conf)
                .withConf(conf)
                .withCompressionCodec(CompressionCodecName.valueOf(settings.compression().name()))
                .withRowGroupSize(settings.rowGroupSizeBytes())
                .withPageSize(settings.pageSizeBytes())
                .withDictionaryEncoding(settings.dictionaryEncoding())
                .withWriterVersion(
                        settings.writerVersion() == ParquetSettings.WriterVersion.V2
                                ? ParquetProperties.WriterVersion.PARQUET_2_0
                                : ParquetProperties.WriterVersion.PARQUET_1_0)
                .build();
    }

    /** Writes one Avro record to a Parquet file of its schema. */
    public static ParquetWriter<GenericRecord> plainAvroWriter(
            OutputFile out, Schema schema, ParquetSettings settings) throws IOException {
        Configuration conf = new Configuration(false);
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        return org.apache.parquet.avro.AvroParquetWriter.<GenericRecord>builder(out)
                .withSchema(schema)
                .withConf(conf)
                .withDataModel(GenericData.get())
                .withCompressionCodec(CompressionCodecName.valueOf(settings.compression().name()))
                .withRowGroupSize(settings.rowGroupSizeBytes())
                .withPageSize(settings.pageSizeBytes())
                .withDictionaryEncoding(settings.dictionaryEncoding())
                .build();
    }

    private static final class Builder extends ParquetWriter.Builder<LakeRow, Builder> {
        private final Schema schema;
        private final Configuration conf;

        Builder(OutputFile out, Schema schema, Configuration conf) {
            super(out);
            this.schema = schema;
            this.conf = conf;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<LakeRow> getWriteSupport(Configuration configuration) {
            return new LakeRowWriteSupport(schema, conf);
        }

        @Override
        protected WriteSupport<LakeRow> getWriteSupport(ParquetConfiguration configuration) {
            return new LakeRowWriteSupport(schema, conf);
        }
    }

    /** Unwraps the row and lets parquet-avro write its record. */
    private static final class LakeRowWriteSupport extends WriteSupport<LakeRow> {
        private final AvroWriteSupport<GenericRecord> avro;

        LakeRowWriteSupport(Schema schema, Configuration conf) {
            MessageType parquetSchema = new AvroSchemaConverter(conf).convert(schema);
            this.avro = new AvroWriteSupport<>(parquetSchema, schema, GenericData.get());
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return avro.init(configuration);
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return avro.init(configuration);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            avro.prepareForWrite(recordConsumer);
        }

        @Override
        public void write(LakeRow row) {
            avro.write(row.record());
        }

        @Override
        public String getName() {
            return "riffle-parquet-delivery";
        }

        @Override
        public FinalizedWriteContext finalizeWrite() {
            return avro.finalizeWrite();
        }
    }
}
