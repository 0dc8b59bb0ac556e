package dev.riffle.jobs.anomaly.backtest;

import dev.riffle.jobs.anomaly.detector.SeriesPoint;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one CSV series per file ({@code timestamp,value} with a header line) as {@link
 * SeriesPoint}s keyed by the file's path relative to the input root, in file order. Files are not
 * split: a series must reach its model in order. A bad line fails the backtest with its file and
 * line number.
 */
@Internal
public final class SeriesCsvFormat implements BulkFormat<SeriesPoint, FileSourceSplit> {
    private static final long serialVersionUID = 1L;

    private final String root;

    public SeriesCsvFormat(Path root) {
        this.root = root.toUri().getPath().replaceAll("/+$", "") + "/";
    }

    /** The series key of a file: its path below the input folder, with '/' separators. */
    public String keyOf(Path file) {
        String path = file.toUri().getPath();
        return path.startsWith(root) ? path.substring(root.length()) : file.getName();
    }

    @Override
    public Reader<SeriesPoint> createReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return new WholeFileReader(split, readAll(split.path()), 0L);
    }

    @Override
    public Reader<SeriesPoint> restoreReader(Configuration config, FileSourceSplit split)
            throws IOException {
        List<SeriesPoint> points = readAll(split.path());
        long skip =
                split.getReaderPosition()
                        .map(CheckpointedPosition::getRecordsAfterOffset)
                        .orElse(0L);
        return new WholeFileReader(
                split, points.subList((int) Math.min(skip, points.size()), points.size()), skip);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<SeriesPoint> getProducedType() {
        return TypeInformation.of(SeriesPoint.class);
    }

    private List<SeriesPoint> readAll(Path file) throws IOException {
        String key = keyOf(file);
        List<SeriesPoint> points = new ArrayList<>();
        FileSystem fs = file.getFileSystem();
        try (FSDataInputStream in = fs.open(file);
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || (lineNo == 1 && !Character.isDigit(line.trim().charAt(0)))) {
                    continue; // header
                }
                points.add(parse(key, line, lineNo));
            }
        }
        return points;
    }

    static SeriesPoint parse(String key, String line, int lineNo) {
        int comma = line.indexOf(',');
        if (comma < 0) {
            throw new IllegalArgumentException(
                    String.format(
                            "%s line %d: expected 'timestamp,value', got '%s'", key, lineNo, line));
        }
        int end = line.indexOf(',', comma + 1);
        String valueText = end < 0 ? line.substring(comma + 1) : line.substring(comma + 1, end);
        try {
            return new SeriesPoint(
                    key,
                    SeriesTimestamps.parse(line.substring(0, comma)),
                    Double.parseDouble(valueText.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    String.format("%s line %d: %s", key, lineNo, e.getMessage()), e);
        }
    }

    /** Hands the whole file over as one batch. */
    private static final class WholeFileReader implements Reader<SeriesPoint> {
        private final FileSourceSplit split;
        private final long alreadyRead;
        private List<SeriesPoint> points;

        WholeFileReader(FileSourceSplit split, List<SeriesPoint> points, long alreadyRead) {
            this.split = split;
            this.points = points;
            this.alreadyRead = alreadyRead;
        }

        @Override
        public RecordIterator<SeriesPoint> readBatch() {
            if (points == null) {
                return null;
            }
            IteratorResultIterator<SeriesPoint> batch =
                    new IteratorResultIterator<>(
                            points.iterator(), CheckpointedPosition.NO_OFFSET, alreadyRead);
            points = null;
            return batch;
        }

        @Override
        public void close() {}

        @Override
        public String toString() {
            return "WholeFileReader(" + split.path() + ")";
        }
    }
}
