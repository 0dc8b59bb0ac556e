package dev.riffle.jobs.parquet.config;

import dev.riffle.jobs.parquet.sink.ParquetSettings.ParquetCompression;
import dev.riffle.jobs.parquet.sink.ParquetSettings.WriterVersion;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/** Property group {@code parquet}: how files are encoded. */
@PublicEvolving
public final class ParquetOptions {

    public static final String GROUP = "parquet";

    public static final ConfigOption<ParquetCompression> COMPRESSION =
            ConfigOptions.key("compression")
                    .enumType(ParquetCompression.class)
                    .defaultValue(ParquetCompression.SNAPPY)
                    .withDescription("Column chunk codec: SNAPPY, GZIP, ZSTD or UNCOMPRESSED.");

    public static final ConfigOption<MemorySize> ROW_GROUP_SIZE =
            ConfigOptions.key("row-group-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("128mb"))
                    .withDescription(
                            "Target row group size (Firehose: BlockSizeBytes). Buffered in memory"
                                    + " per open file.");

    public static final ConfigOption<MemorySize> PAGE_SIZE =
            ConfigOptions.key("page-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("1mb"))
                    .withDescription("Target page size (Firehose: PageSizeBytes).");

    public static final ConfigOption<Boolean> DICTIONARY_ENCODING =
            ConfigOptions.key("dictionary-encoding")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Dictionary-encode columns (Firehose: EnableDictionaryCompression).");

    public static final ConfigOption<WriterVersion> WRITER_VERSION =
            ConfigOptions.key("writer-version")
                    .enumType(WriterVersion.class)
                    .defaultValue(WriterVersion.V1)
                    .withDescription("Parquet writer version, V1 or V2 (Firehose: WriterVersion).");

    private ParquetOptions() {}
}
