package dev.riffle.jobs.parquet.sink;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;

/**
 * How Parquet files are written.
 *
 * @param compression the codec of every column chunk
 * @param rowGroupSizeBytes target size of a row group (buffered in memory before it is written)
 * @param pageSizeBytes target size of a page
 * @param dictionaryEncoding whether columns are dictionary-encoded where that pays
 * @param writerVersion Parquet format writer version
 */
@PublicEvolving
public record ParquetSettings(
        ParquetCompression compression,
        long rowGroupSizeBytes,
        int pageSizeBytes,
        boolean dictionaryEncoding,
        WriterVersion writerVersion)
        implements Serializable {

    /** parquet-java's sizes, SNAPPY, dictionaries on, format v1. */
    public static ParquetSettings defaults() {
        return new ParquetSettings(
                ParquetCompression.SNAPPY, 128L << 20, 1 << 20, true, WriterVersion.V1);
    }

    /** The codecs a delivery can write with. */
    @PublicEvolving
    public enum ParquetCompression {
        SNAPPY,
        GZIP,
        ZSTD,
        UNCOMPRESSED
    }

    /** Parquet writer versions: V1 is what every reader reads; V2 has newer encodings. */
    @PublicEvolving
    public enum WriterVersion {
        V1,
        V2
    }
}
