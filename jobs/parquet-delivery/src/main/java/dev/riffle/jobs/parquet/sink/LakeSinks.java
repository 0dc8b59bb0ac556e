package dev.riffle.jobs.parquet.sink;

import dev.riffle.jobs.parquet.config.DeliverySettings;
import dev.riffle.jobs.parquet.record.ErrorRecord;
import dev.riffle.jobs.parquet.record.LakeRow;

import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.sink.compactor.FileCompactStrategy;
import org.apache.flink.connector.file.sink.compactor.RecordWiseFileCompactor;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * The two file sinks of a delivery: Parquet rows under the data prefixes, JSON-lines error records
 * under the error prefixes. Both commit at checkpoints (exactly once); readers see a file only once
 * it is committed: on S3 an in-progress file is an unfinished multipart upload, on a filesystem a
 * hidden {@code .part-*.inprogress.*} file (names starting with '.' are ignored by Hive, Spark,
 * Trino and Athena).
 */
@Internal
public final class LakeSinks {

    private LakeSinks() {}

    /** The Parquet sink. */
    public static FileSink<LakeRow> rows(DeliverySettings settings) {
        var builder =
                FileSink.forBulkFormat(
                                new Path(settings.basePath()),
                                new ParquetWriterFactory<>(
                                        new LakeRowParquetBuilder(
                                                settings.schema(), settings.parquet())))
                        .withBucketAssigner(new PrecomputedBucketAssigner<>(LakeRow::bucket))
                        .withRollingPolicy(
                                new DeliveryRollingPolicy<>(
                                        settings.maxFileSizeBytes(),
                                        settings.inactivityIntervalMillis()))
                        .withBucketCheckInterval(settings.checkIntervalMillis())
                        .withOutputFileConfig(
                                OutputFileConfig.builder()
                                        .withPartPrefix(settings.fileNamePrefix())
                                        .withPartSuffix(".parquet")
                                        .build());
        if (settings.compaction()) {
            builder =
                    builder.enableCompact(
                            FileCompactStrategy.Builder.newBuilder()
                                    .setSizeThreshold(settings.compactionSizeThresholdBytes())
                                    .enableCompactionOnCheckpoint(settings.compactionCheckpoints())
                                    .setNumCompactThreads(1)
                                    .build(),
                            new RecordWiseFileCompactor<>(
                                    new ParquetRowReader.Factory(settings.schema())));
        }
        return builder.build();
    }

    /** The error sink. */
    public static FileSink<ErrorRecord> errors(DeliverySettings settings) {
        return FileSink.forRowFormat(new Path(settings.basePath()), new ErrorRecordEncoder())
                .withBucketAssigner(new PrecomputedBucketAssigner<ErrorRecord>(e -> e.bucket))
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withBucketCheckInterval(settings.checkIntervalMillis())
                .withOutputFileConfig(
                        OutputFileConfig.builder()
                                .withPartPrefix(settings.fileNamePrefix())
                                .withPartSuffix(".json")
                                .build())
                .build();
    }
}
