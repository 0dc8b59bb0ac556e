package dev.riffle.jobs.anomaly.quality;

import dev.riffle.common.event.Event;
import dev.riffle.common.event.EventJson;
import dev.riffle.common.event.EventType;
import dev.riffle.jobs.anomaly.AnomalyPipeline;
import dev.riffle.jobs.anomaly.detector.DetectorSettings;
import dev.riffle.jobs.anomaly.detector.ScoredPoint;
import dev.riffle.testdata.AnomalyLabel;
import dev.riffle.testdata.GeneratedRecord;
import dev.riffle.testdata.GeneratorConfig;
import dev.riffle.testdata.RecordKind;
import dev.riffle.testdata.TrafficGenerator;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How well the DataStream detector finds the traffic generator's labelled anomalies: precision and
 * recall of its alerts over two simulated days of generated traffic, read from a file by a bounded
 * run through the job's own operators ({@link AnomalyPipeline#series}, {@link
 * AnomalyPipeline#score}).
 *
 * <p>A label is found when its series ({@code tx-count/<merchant>} for a volume spike, {@code
 * checkout-error-rate/<merchant>} for an error burst, {@code telemetry/<device>/<metric>} for a
 * level shift) raises an alert from one series interval before the label starts to one interval
 * after it ends. An alert is right when it is inside a label of its series in that sense. Prints
 * {@code QUALITY ...} lines, one per alert threshold: the figures README quotes. The assertions are
 * floors under them (the run is deterministic: seeded generator, seeded forests, one subtask).
 *
 * <p>A measurement, like the benchmarks and the NAB backtest, so not part of the README's test
 * command (it takes about 50 s): run it with {@code -Driffle.quality=true}. Larger runs: {@code
 * -Dquality.hours=96 -Dquality.rate=20 -Dquality.anomalies=8}.
 */
@EnabledIfSystemProperty(
        named = "riffle.quality",
        matches = "true",
        disabledReason = "a quality measurement: run with -Driffle.quality=true")
class GeneratedTrafficQualityITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration INTERVAL = Duration.ofMinutes(1);

    @TempDir java.nio.file.Path tmp;

    @Test
    void theDetectorFindsTheLabelledAnomaliesOfGeneratedTraffic() throws Exception {
        int hours = Integer.getInteger("quality.hours", 48);
        double rate = Double.parseDouble(System.getProperty("quality.rate", "8"));
        int perKind = Integer.getInteger("quality.anomalies", 4);
        GeneratorConfig config =
                GeneratorConfig.builder()
                        .seed(Long.getLong("quality.seed", 11))
                        .ratePerSecond(rate)
                        .duration(Duration.ofHours(hours))
                        .population(50, 2000, 40)
                        .malformedShare(0)
                        .duplicateShare(0)
                        .internalShare(0)
                        .anomalies(perKind)
                        .anomalyDuration(Duration.ofMinutes(15))
                        .build();
        TrafficGenerator generator = new TrafficGenerator(config);
        List<AnomalyLabel> labels = generator.labels();
        java.nio.file.Path events = tmp.resolve("events.jsonl");
        long written = writeEvents(generator, events);

        DetectorSettings settings = DetectorSettings.defaults();
        // Every point from a score of 0.7 up: the alerts at the default threshold and at the
        // higher ones README's table quotes.
        List<ScoredPoint> scored = detect(events, settings, 0.7);

        System.out.printf(
                Locale.ROOT,
                "QUALITY generated-traffic hours=%d rate=%.0f/s events=%d labels=%d%n",
                hours,
                rate,
                written,
                labels.size());
        Quality atDefault = null;
        Quality at080 = null;
        for (double threshold : new double[] {settings.alertThreshold(), 0.75, 0.8, 0.82, 0.85}) {
            List<ScoredPoint> alerts =
                    scored.stream().filter(p -> p.anomalyScore >= threshold).toList();
            Quality q = Quality.of(threshold, alerts, labels);
            System.out.println("QUALITY " + q);
            if (threshold == settings.alertThreshold()) {
                atDefault = q;
            } else if (threshold == 0.8) {
                at080 = q;
            }
        }

        assertThat(atDefault.recall())
                .as("recall at the default threshold")
                .isGreaterThanOrEqualTo(0.75);
        assertThat(at080.recall()).as("recall at 0.8").isGreaterThanOrEqualTo(0.75);
        assertThat(at080.precision()).as("precision at 0.8").isGreaterThanOrEqualTo(0.15);
    }

    /** Precision and recall of the alerts at one threshold. */
    record Quality(double threshold, int alerts, int right, Map<String, int[]> found, int labels) {
        static Quality of(double threshold, List<ScoredPoint> alerts, List<AnomalyLabel> labels) {
            int right =
                    (int)
                            alerts.stream()
                                    .filter(a -> labels.stream().anyMatch(l -> inside(a, l)))
                                    .count();
            Map<String, int[]> found = new LinkedHashMap<>();
            for (AnomalyLabel label : labels) {
                int[] c = found.computeIfAbsent(label.kind(), k -> new int[2]);
                c[0] += alerts.stream().anyMatch(a -> inside(a, label)) ? 1 : 0;
                c[1]++;
            }
            return new Quality(threshold, alerts.size(), right, found, labels.size());
        }

        double precision() {
            return alerts == 0 ? 0 : (double) right / alerts;
        }

        double recall() {
            return (double) found.values().stream().mapToInt(c -> c[0]).sum() / labels;
        }

        @Override
        public String toString() {
            StringBuilder kinds = new StringBuilder();
            found.forEach(
                    (k, c) ->
                            kinds.append(' ')
                                    .append(k)
                                    .append('=')
                                    .append(c[0])
                                    .append('/')
                                    .append(c[1]));
            return String.format(
                    Locale.ROOT,
                    "threshold=%.2f alerts=%d right=%d precision=%.3f recall=%.2f%s",
                    threshold,
                    alerts,
                    right,
                    precision(),
                    recall(),
                    kinds);
        }
    }

    /** The generator's valid records as the events stream carries them (what ingestion makes). */
    private static long writeEvents(TrafficGenerator generator, java.nio.file.Path file)
            throws Exception {
        long n = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (generator.hasNext()) {
                GeneratedRecord r = generator.next();
                if (r.kind() != RecordKind.VALID) {
                    continue;
                }
                Event e = toEvent(r);
                if (e == null) {
                    continue;
                }
                out.write(new String(EventJson.write(e), StandardCharsets.UTF_8));
                out.write('\n');
                n++;
            }
        }
        return n;
    }

    /**
     * The fields the detector reads, normalised as the ingestion job does (ids trimmed, the event
     * time as an instant); clicks are left out, the detector ignores them.
     */
    private static Event toEvent(GeneratedRecord r) throws Exception {
        JsonNode o = JSON.readTree(r.data());
        EventType type = EventType.fromWireName(o.path("type").asText());
        if (type != EventType.TRANSACTION
                && type != EventType.CHECKOUT
                && type != EventType.TELEMETRY) {
            return null;
        }
        Event e = new Event();
        e.eventId = o.path("eventId").asText().trim();
        e.type = type;
        e.occurredAt = r.eventTime();
        if (o.hasNonNull("merchantId")) {
            e.merchantId = o.get("merchantId").asText().trim();
        }
        if (o.hasNonNull("outcome")) {
            e.outcome = o.get("outcome").asText();
        }
        if (o.hasNonNull("deviceId")) {
            e.deviceId = o.get("deviceId").asText().trim();
        }
        if (o.hasNonNull("metric")) {
            e.metric = o.get("metric").asText();
        }
        if (o.hasNonNull("value")) {
            e.value = o.get("value").asDouble();
        }
        return e;
    }

    /** A bounded run of the job's operators over the file: the points scored from minScore. */
    private static List<ScoredPoint> detect(
            java.nio.file.Path file, DetectorSettings settings, double minScore) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        // One subtask: the file is one split, and a rebalance would reorder each series.
        env.setParallelism(1);
        FileSource<String> source =
                FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(file.toUri()))
                        .build();
        DataStream<Event> events =
                env.fromSource(
                                source,
                                org.apache.flink.api.common.eventtime.WatermarkStrategy
                                        .noWatermarks(),
                                "events file")
                        .map(line -> EventJson.read(line.getBytes(StandardCharsets.UTF_8)))
                        .returns(Event.class)
                        .assignTimestampsAndWatermarks(AnomalyPipeline.watermarks());
        DataStream<ScoredPoint> graded =
                AnomalyPipeline.score(AnomalyPipeline.series(events, INTERVAL), settings)
                        .filter(p -> p.anomalyScore >= minScore);
        List<ScoredPoint> out = new ArrayList<>();
        try (CloseableIterator<ScoredPoint> it = graded.executeAndCollect("quality")) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static boolean inside(ScoredPoint alert, AnomalyLabel label) {
        String series =
                switch (label.kind()) {
                    case AnomalyLabel.MERCHANT_VOLUME_SPIKE -> "tx-count/" + label.key();
                    case AnomalyLabel.CHECKOUT_ERROR_BURST -> "checkout-error-rate/" + label.key();
                    default -> "telemetry/" + label.key();
                };
        Instant at = Instant.ofEpochMilli(alert.timestamp);
        return alert.key.equals(series)
                && !at.isBefore(label.start().minus(INTERVAL))
                && at.isBefore(label.end().plus(INTERVAL));
    }
}
