package dev.riffle.jobs.anomaly.backtest;

import dev.riffle.jobs.anomaly.detector.AnomalyDetectors;
import dev.riffle.jobs.anomaly.detector.DetectorSettings;
import dev.riffle.jobs.anomaly.detector.ScoredPoint;
import dev.riffle.jobs.anomaly.detector.SeriesPoint;
import dev.riffle.jobs.anomaly.nab.NabScorer;
import dev.riffle.jobs.anomaly.nab.NabWindows;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the detector's operators ({@link AnomalyDetectors#score}) over a folder of CSV series in
 * bounded mode and writes, per series, {@code timestamp,value,anomaly_score,label} at the same
 * relative path under the output folder: NAB's results format.
 */
@PublicEvolving
public final class Backtest {
    private final java.nio.file.Path input;
    private final java.nio.file.Path output;
    private final DetectorSettings settings;
    private final NabWindows windows;
    private final int parallelism;

    public Backtest(
            java.nio.file.Path input,
            java.nio.file.Path output,
            DetectorSettings settings,
            NabWindows windows,
            int parallelism) {
        this.input = input.toAbsolutePath().normalize();
        this.output = output.toAbsolutePath().normalize();
        this.settings = settings;
        this.windows = windows;
        this.parallelism = parallelism;
    }

    /** What a run produced. */
    public static final class Outcome {
        public final int series;
        public final long points;
        public final NabScorer.Result nab;

        Outcome(int series, long points, NabScorer.Result nab) {
            this.series = series;
            this.points = points;
            this.nab = nab;
        }
    }

    public Outcome run() throws Exception {
        List<java.nio.file.Path> files = csvFiles();
        if (files.isEmpty()) {
            throw new IllegalArgumentException("No .csv series under " + input);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(parallelism);
        SeriesCsvFormat format = new SeriesCsvFormat(new Path(input.toUri()));
        FileSource<SeriesPoint> source =
                FileSource.forBulkFileFormat(
                                format,
                                files.stream().map(f -> new Path(f.toUri())).toArray(Path[]::new))
                        .build();
        DataStream<SeriesPoint> points =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "csv-series")
                        .uid("csv-series");
        Map<String, List<ScoredPoint>> bySeries = new TreeMap<>();
        long count = 0;
        try (CloseableIterator<ScoredPoint> it =
                AnomalyDetectors.score(points, settings).executeAndCollect("riffle-backtest")) {
            while (it.hasNext()) {
                ScoredPoint p = it.next();
                bySeries.computeIfAbsent(p.key, k -> new ArrayList<>()).add(p);
                count++;
            }
        }
        List<NabScorer.Series> scored = new ArrayList<>();
        for (java.nio.file.Path file : files) {
            String key = input.relativize(file).toString().replace('\\', '/');
            List<ScoredPoint> results = bySeries.getOrDefault(key, List.of());
            write(file, key, results);
            if (windows != null && windows.has(key)) {
                long[] ts = results.stream().mapToLong(p -> p.timestamp).toArray();
                double[] scores = results.stream().mapToDouble(p -> p.anomalyScore).toArray();
                scored.add(new NabScorer.Series(key, ts, scores, windows.windows(key)));
            }
        }
        NabScorer.Result nab = scored.isEmpty() ? null : NabScorer.STANDARD.score(scored);
        return new Outcome(files.size(), count, nab);
    }

    private List<java.nio.file.Path> csvFiles() throws IOException {
        try (Stream<java.nio.file.Path> walk = Files.walk(input)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".csv"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** Copies each input line's timestamp and value text and appends score and label. */
    private void write(java.nio.file.Path file, String key, List<ScoredPoint> results)
            throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        java.nio.file.Path target = output.resolve(key);
        Files.createDirectories(target.getParent());
        int next = 0;
        try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            out.write("timestamp,value,anomaly_score,label\n");
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank() || (i == 0 && !Character.isDigit(line.trim().charAt(0)))) {
                    continue;
                }
                if (next >= results.size()) {
                    throw new IllegalStateException(
                            key + ": the detector returned fewer points than the file has");
                }
                ScoredPoint p = results.get(next++);
                String[] parts = line.split(",", 3);
                int label = windows == null ? 0 : windows.label(key, p.timestamp);
                out.write(
                        String.format(
                                Locale.ROOT,
                                "%s,%s,%s,%d%n",
                                parts[0],
                                parts[1].trim(),
                                formatScore(p.anomalyScore),
                                label));
            }
        }
        if (next != results.size()) {
            throw new IllegalStateException(
                    key + ": the detector returned more points than the file has");
        }
    }

    private static String formatScore(double s) {
        double clamped = Math.max(0, Math.min(1, s));
        return clamped == 0 ? "0" : String.format(Locale.ROOT, "%.6f", clamped);
    }
}
