package dev.riffle.jobs.parquet.sink;

import dev.riffle.jobs.parquet.record.LakeRow;

import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.file.sink.compactor.RecordWiseFileCompactor;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.parquet.ParquetInputFile;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;

import java.io.IOException;

/**
 * Reads the rows back from a Parquet part file, for compaction: small files are rewritten record by
 * record into one new file (never concatenated: a Parquet file ends in its footer).
 */
@Internal
public final class ParquetRowReader implements RecordWiseFileCompactor.Reader<LakeRow> {
    private final FSDataInputStream in;
    private final ParquetReader<GenericRecord> reader;

    private ParquetRowReader(Path path, Schema schema) throws IOException {
        FileSystem fs = path.getFileSystem();
        long length = fs.getFileStatus(path).getLen();
        this.in = fs.open(path);
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        this.reader =
                AvroParquetReader.<GenericRecord>builder(new ParquetInputFile(in, length))
                        .withDataModel(GenericData.get())
                        .withConf(conf)
                        .build();
    }

    @Override
    public LakeRow read() throws IOException {
        GenericRecord record = reader.read();
        // The compactor writes into the bucket of the files it compacts; the bucket is not read.
        return record == null ? null : new LakeRow(null, record);
    }

    @Override
    public void close() throws Exception {
        try {
            reader.close();
        } finally {
            in.close();
        }
    }

    /** Creates readers for the lake's schema. */
    public static final class Factory implements RecordWiseFileCompactor.Reader.Factory<LakeRow> {
        private static final long serialVersionUID = 1L;
        private final String schemaJson;

        public Factory(Schema schema) {
            this.schemaJson = schema.toString();
        }

        @Override
        public RecordWiseFileCompactor.Reader<LakeRow> createFor(Path path) throws IOException {
            return new ParquetRowReader(path, new Schema.Parser().parse(schemaJson));
        }
    }
}
