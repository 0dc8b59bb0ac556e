package dev.riffle.jobs.parquet;

import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a reader of the lake sees: committed files only (names starting with '.' or '_' are hidden,
 * as Hive, Spark, Trino and Athena treat them), read back with parquet-java.
 */
final class LakeContents {

    /** A row and the folder (relative to the lake) of the file it was in. */
    record Row(String folder, String file, GenericRecord record) {}

    private LakeContents() {}

    /** Visible files under {@code root}, as paths relative to it ('/'-separated). */
    static List<String> visibleFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(LakeContents::isVisible)
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isVisible(String relative) {
        for (String segment : relative.split("/")) {
            if (segment.startsWith(".") || segment.startsWith("_")) {
                return false;
            }
        }
        return true;
    }

    /** Every row of every visible Parquet file under {@code root}. */
    static List<Row> parquetRows(Path root) {
        List<Row> rows = new ArrayList<>();
        for (String file : visibleFiles(root)) {
            if (file.endsWith(".parquet")) {
                String folder = file.substring(0, file.lastIndexOf('/') + 1);
                for (GenericRecord r : read(new LocalInputFile(root.resolve(file)))) {
                    rows.add(new Row(folder, file, r));
                }
            }
        }
        return rows;
    }

    static List<GenericRecord> read(InputFile file) {
        List<GenericRecord> out = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader =
                AvroParquetReader.<GenericRecord>builder(file)
                        .withConf(new PlainParquetConfiguration())
                        .build()) {
            GenericRecord r;
            while ((r = reader.read()) != null) {
                out.add(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return out;
    }

    /** Every line of every visible .json file under {@code root}, with its folder. */
    static List<String[]> jsonLines(Path root) {
        List<String[]> lines = new ArrayList<>();
        for (String file : visibleFiles(root)) {
            if (file.endsWith(".json")) {
                String folder = file.substring(0, file.lastIndexOf('/') + 1);
                try {
                    for (String line :
                            Files.readAllLines(root.resolve(file), StandardCharsets.UTF_8)) {
                        lines.add(new String[] {folder, line});
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return lines;
    }
}
