package dev.riffle.e2e;

import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The lake as a reader sees it: committed Parquet files only (names starting with '.' or '_' are in
 * progress or hidden, as Hive, Spark, Trino and Athena treat them), read with parquet-java.
 */
final class Lake {
    private Lake() {}

    /** The {@code column} of every row of every committed Parquet file under {@code root}. */
    static List<String> column(Path root, String column) {
        List<String> values = new ArrayList<>();
        for (Path file : committedParquetFiles(root)) {
            values.addAll(fileColumn(file, column));
        }
        return values;
    }

    /** The {@code column} of every row of one Parquet file. */
    static List<String> fileColumn(Path file, String column) {
        List<String> values = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader =
                AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
                        .withConf(new PlainParquetConfiguration())
                        .build()) {
            GenericRecord r;
            while ((r = reader.read()) != null) {
                Object v = r.get(column);
                values.add(v == null ? null : v.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return values;
    }

    static List<Path> committedParquetFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .filter(p -> visible(root.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean visible(Path relative) {
        for (Path segment : relative) {
            String s = segment.toString();
            if (s.startsWith(".") || s.startsWith("_")) {
                return false;
            }
        }
        return true;
    }
}
