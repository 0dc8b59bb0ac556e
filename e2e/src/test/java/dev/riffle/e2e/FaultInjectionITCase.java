package dev.riffle.e2e;

import dev.riffle.common.alert.Alert;
import dev.riffle.common.alert.AlertJson;
import dev.riffle.common.config.JobConfig;
import dev.riffle.jobs.anomaly.AnomalyDetectionJob;
import dev.riffle.jobs.anomaly.config.AnomalyOptions;
import dev.riffle.jobs.anomaly.detector.DetectorSettings;
import dev.riffle.jobs.ingestion.IngestionJob;
import dev.riffle.jobs.ingestion.config.IngestionOptions;
import dev.riffle.jobs.parquet.ParquetDeliveryJob;
import dev.riffle.jobs.parquet.config.ParquetDeliveryConfig;
import dev.riffle.testdata.AnomalyLabel;
import dev.riffle.testdata.GeneratedRecord;
import dev.riffle.testdata.GeneratorConfig;
import dev.riffle.testdata.KinesisRecordWriter;
import dev.riffle.testdata.RecordKind;
import dev.riffle.testdata.TrafficGenerator;
import dev.riffle.testing.Await;
import dev.riffle.testing.flink.LocalFlinkCluster;
import dev.riffle.testing.kinesis.KinesisMock;
import dev.riffle.testing.kinesis.StreamRecord;
import dev.riffle.testing.kinesis.TestStream;

import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingestion, Parquet delivery and the DataStream anomaly detector running together on a MiniCluster
 * (2 task managers, parallelism 2, checkpoints every second) over kinesis-mock, fed by the seeded
 * generator with one labelled anomaly of each kind, while faults are injected: a task manager
 * killed (and replaced) twice, kinesis-mock stopped for {@link #DOWNTIME} and restarted with its
 * streams persisted, one shard of {@code [raw-events]} split and two others merged. Afterwards
 * every valid eventId is in the lake exactly once (delivery deduplicates by eventId what
 * ingestion's at-least-once Kinesis output wrote twice), and nothing else is; every labelled
 * anomaly has its alert on {@code [alerts]}, for the right key, in its window; and the detector
 * raised exactly the alerts it raises on the same {@code [events]} without faults ({@link
 * DetectorReference}), a repeated alert being a byte-for-byte copy (its Kinesis output is at least
 * once).
 *
 * <p>Event time runs about 30 times faster than wall time (100 s of generated traffic written in a
 * few seconds) so that the detector sees 100 one-second intervals: the merchant-spike rule's
 * 10-interval baseline and 32-point forests warm up within the run.
 */
class FaultInjectionITCase {
    /**
     * How long kinesis-mock stays down (the 20 s): every job fails and retries meanwhile.
     */
    static final Duration DOWNTIME = Duration.ofSeconds(20);

    static final Duration DEADLINE = Duration.ofSeconds(150);

    /**
     * 100 s of traffic at 30 records/s of event time, 2 merchants, 2 devices: one anomaly of each
     * kind, 5 s long (merchant spike at 10 s, checkout error burst at 47.5 s, telemetry level shift
     * at 85 s). The seed is one on which the detector settings below find all three anomalies with
     * a margin on a fault-free run.
     */
    static final GeneratorConfig TRAFFIC =
            GeneratorConfig.builder()
                    .seed(7)
                    .ratePerSecond(30)
                    .duration(Duration.ofSeconds(100))
                    .population(2, 500, 2)
                    .malformedShare(0.03)
                    .duplicateShare(0.03)
                    .internalShare(0.03)
                    .anomalies(1)
                    .anomalyDuration(Duration.ofSeconds(5))
                    .build();

    /** One-second series intervals (the smallest the job accepts). */
    static final Duration INTERVAL = Duration.ofSeconds(1);

    static final int MIN_CHECKOUTS = 3;

    /**
     * The detector's watermark lag. After a task manager kill or the outage, ingestion reads the
     * records that piled up meanwhile (a part of the input, 20 s of event time) in one fetch per
     * shard and writes them shard after shard, so {@code [events]} is out of order by up to the
     * span written since the pipeline last drained: the test lets it drain (every event in the
     * lake) after parts 2, 3 and 5, so that span is at most two parts (41 s). 60 s keeps every
     * event in its interval (the test checks: no dead letter) while intervals still close during
     * the run (the spike's after the outage).
     */
    static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(60);

    /**
     * Small forests (the job's defaults are 50 trees of 256 points): they warm up on the run's 100
     * points per merchant series; peak selection over 60 points.
     */
    static final DetectorSettings DETECTOR =
            DetectorSettings.builder().numberOfTrees(30).sampleSize(32).peakWindow(60).build();

    /**
     * A little traffic after a gap of {@link #OUT_OF_ORDERNESS}: it moves the detector's watermark
     * past the end of {@link #TRAFFIC}, so that its last intervals close too.
     */
    static final GeneratorConfig TAIL =
            GeneratorConfig.builder()
                    .seed(8)
                    .ratePerSecond(30)
                    .start(TRAFFIC.end().plus(OUT_OF_ORDERNESS).plusSeconds(5))
                    .duration(Duration.ofSeconds(2))
                    .population(2, 500, 2)
                    .malformedShare(0)
                    .duplicateShare(0)
                    .internalShare(0)
                    .anomalies(0)
                    .build();

    // Three jobs of two subtasks: a slot for each of them on each task manager.
    @RegisterExtension static final LocalFlinkCluster FLINK = Pipelines.cluster(2, 3);

    @TempDir Path dir;

    private final Map<Path, List<String>> lakeFiles = new java.util.HashMap<>();

    @Test
    void noValidEventIsLostNoneDeliveredTwiceAndEveryAnomalyAlertedUnderFaults() throws Exception {
        TrafficGenerator generator = new TrafficGenerator(TRAFFIC);
        List<GeneratedRecord> input = new ArrayList<>();
        generator.forEachRemaining(input::add);
        List<AnomalyLabel> labels = generator.labels();
        List<GeneratedRecord> tail = new ArrayList<>();
        new TrafficGenerator(TAIL).forEachRemaining(tail::add);
        Set<String> validIds = validIds(input);
        validIds.addAll(validIds(tail));
        Path lake = dir.resolve("lake");

        try (KinesisMock kinesis =
                KinesisMock.builder()
                        .persistTo(Files.createDirectories(dir.resolve("kinesis-data")))
                        .stateDir(Files.createDirectories(dir.resolve("kinesis-state")))
                        .build()
                        .start()) {
            KinesisClient client = kinesis.client();
            String raw = kinesis.createStream("raw-events", 4);
            String events = kinesis.createStream("events", 2);
            String deadLetters = kinesis.createStream("dead-letters", 1);
            String alerts = kinesis.createStream("alerts", 1);
            String detectorDeadLetters = kinesis.createStream("anomaly-dead-letters", 1);
            Map<String, String> connection = kinesis.connectorProperties(false);

            JobConfig ingestionConfig =
                    new PropertyGroups()
                            .group(IngestionOptions.SOURCE_GROUP, Pipelines.source(connection, raw))
                            .group(
                                    IngestionOptions.EVENTS_GROUP,
                                    Pipelines.sink(connection, events))
                            .group(
                                    IngestionOptions.DEAD_LETTERS_GROUP,
                                    Pipelines.sink(connection, deadLetters))
                            .group(IngestionOptions.GROUP, Pipelines.ingestion())
                            .load(IngestionOptions.SCHEMA, dir.resolve("ingestion.json"));
            // Deduplicated by eventId, as deploy/ runs the events delivery.
            JobConfig deliveryConfig =
                    Pipelines.delivery(
                                    connection,
                                    events,
                                    Pipelines.uri(lake),
                                    Map.of("dedupe.field", ".eventId"))
                            .load(ParquetDeliveryConfig.SCHEMA, dir.resolve("delivery.json"));
            JobConfig detectorConfig =
                    new PropertyGroups()
                            .group(
                                    AnomalyDetectionJob.EVENTS_GROUP,
                                    Pipelines.source(connection, events))
                            .group(
                                    AnomalyDetectionJob.ALERTS_GROUP,
                                    Pipelines.sink(connection, alerts))
                            .group(
                                    AnomalyDetectionJob.DEAD_LETTERS_GROUP,
                                    Pipelines.sink(connection, detectorDeadLetters))
                            .group(AnomalyOptions.GROUP, detectorGroup())
                            .load(AnomalyDetectionJob.SCHEMA, dir.resolve("anomaly.json"));

            StreamExecutionEnvironment ingestionEnv = Pipelines.env(Duration.ofSeconds(1));
            IngestionJob.define(ingestionEnv, ingestionConfig);
            JobID ingestion = FLINK.submit(ingestionEnv, "ingestion");
            StreamExecutionEnvironment deliveryEnv = Pipelines.env(Duration.ofSeconds(1));
            ParquetDeliveryJob.define(deliveryEnv, deliveryConfig);
            JobID delivery = FLINK.submit(deliveryEnv, "parquet-delivery");
            StreamExecutionEnvironment detectorEnv = Pipelines.env(Duration.ofSeconds(1));
            AnomalyDetectionJob.define(detectorEnv, detectorConfig);
            JobID detector = FLINK.submit(detectorEnv, "anomaly-detection");
            List<JobID> jobs = List.of(ingestion, delivery, detector);

            try {
                int part = input.size() / 5;
                write(client, raw, input.subList(0, part));
                awaitCheckpoint(jobs);

                // Fault 1: a task manager dies; a new one takes its place while records arrive.
                // Delivered before more come: see OUT_OF_ORDERNESS.
                killTaskManager(0);
                write(client, raw, input.subList(part, 2 * part));
                awaitInLake(lake, validIds(input.subList(0, 2 * part)));

                // Fault 2: resharding while records flow.
                List<Shard> shards = client.listShards(r -> r.streamARN(raw)).shards();
                split(client, raw, shards.get(0));
                write(client, raw, input.subList(2 * part, 2 * part + part / 2));
                merge(client, raw, shards.get(2), shards.get(3));
                write(client, raw, input.subList(2 * part + part / 2, 3 * part));

                // Fault 3: kinesis-mock goes away (every job's sources, enumerators and sinks fail
                // against it) and comes back on the same ports with its persisted streams. It
                // persists once a second, so a stop can lose the last second of acknowledged
                // writes, which Kinesis never does: the pipeline drains first, so that what the
                // test checks afterwards is the jobs, not the emulator. The pause is the fault
                // itself, not a wait for something.
                awaitInLake(lake, validIds(input.subList(0, 3 * part)));
                awaitCheckpoint(jobs);
                kinesis.stop();
                Thread.sleep(DOWNTIME.toMillis());
                kinesis.restart();
                write(client, raw, input.subList(3 * part, 4 * part));

                // Fault 4: the other original task manager dies while those records flow. The
                // last part goes in once the jobs run again, so that a restore's replay and new
                // records do not pile up into more disorder than OUT_OF_ORDERNESS allows.
                killTaskManager(1);
                awaitCheckpoint(jobs);
                write(client, raw, input.subList(4 * part, input.size()));

                // The tail once all of that is delivered: the detector's watermark then passes
                // the end of the traffic on every shard of [events].
                awaitInLake(lake, validIds(input));
                write(client, raw, tail);
                awaitInLake(lake, validIds);
                // One more checkpoint of delivery after that: a replay committed late shows too.
                awaitCheckpoint(List.of(delivery));
            } catch (Exception | AssertionError e) {
                jobs.forEach(FLINK::cancel);
                throw e;
            }

            // Every valid event is in the lake exactly once, nothing else is: ingestion's Kinesis
            // output is at least once (a restore may write an event twice to [events]), delivery
            // drops the second copy by eventId.
            List<String> lakeIds = lakeIds(lake);
            assertThat(new HashSet<>(lakeIds)).isEqualTo(validIds);
            assertThat(lakeIds).as("each eventId once").doesNotHaveDuplicates();
            assertThat(lakeIds).hasSize(validIds.size());

            // The detector raised on [events], faults and all, exactly what it raises on the same
            // records without faults, up to where its watermark has come (the tail's own
            // intervals stay open). An alert on [alerts] twice is a copy, never a different
            // verdict on the same key and interval: its Kinesis output is at least once, its
            // state exactly once.
            List<StreamRecord> eventRecords = new TestStream(client, "events", events, 2).readAll();
            Instant closed = TAIL.start();
            Set<Alert> expected =
                    DetectorReference.alerts(
                                    eventRecords,
                                    DETECTOR,
                                    INTERVAL,
                                    MIN_CHECKOUTS,
                                    OUT_OF_ORDERNESS)
                            .stream()
                            .filter(a -> a.windowEnd().isBefore(closed))
                            .collect(Collectors.toSet());
            TestStream alertStream = new TestStream(client, "alerts", alerts, 1);
            List<Alert> raised;
            try {
                raised =
                        Await.until(
                                DEADLINE,
                                () -> alertsBefore(alertStream.readAll(), closed),
                                list -> new HashSet<>(list).containsAll(expected),
                                () ->
                                        expected.size()
                                                + " alerts of the fault-free run on [alerts]"
                                                + " (expected: "
                                                + expected
                                                + ")");
            } finally {
                jobs.forEach(FLINK::cancel);
            }
            assertThat(new HashSet<>(raised)).isEqualTo(expected);
            assertThat(
                            new TestStream(client, "anomaly-dead-letters", detectorDeadLetters, 1)
                                    .readAll())
                    .as("detector dead letters: no event late for its interval, none unreadable")
                    .isEmpty();
            Map<String, Long> copies = counts(raised.stream().map(Alert::alertId).toList());
            assertThat(copies.size())
                    .as("alert identities: one alert per key and window")
                    .isEqualTo(expected.size());

            // Every labelled anomaly has its alert: the right key, inside its window (from one
            // interval before it to one after).
            for (AnomalyLabel label : labels) {
                assertThat(raised).as("alerts for " + label).anyMatch(a -> alerts(a, label));
            }
            Map<String, String> found = new java.util.LinkedHashMap<>();
            for (AnomalyLabel label : labels) {
                found.put(
                        label.kind(),
                        raised.stream()
                                .filter(a -> alerts(a, label))
                                .map(a -> a.what() + ":" + a.key())
                                .distinct()
                                .sorted()
                                .collect(Collectors.joining("+")));
            }
            // The spike is the merchant-spike rule's and the tx-count forest's; the burst and the
            // level shift the forests of their series.
            assertThat(found)
                    .containsEntry(
                            AnomalyLabel.MERCHANT_VOLUME_SPIKE,
                            "merchant-spike:"
                                    + key(labels, AnomalyLabel.MERCHANT_VOLUME_SPIKE)
                                    + "+rcf:tx-count/"
                                    + key(labels, AnomalyLabel.MERCHANT_VOLUME_SPIKE))
                    .containsEntry(
                            AnomalyLabel.CHECKOUT_ERROR_BURST,
                            "rcf:checkout-error-rate/"
                                    + key(labels, AnomalyLabel.CHECKOUT_ERROR_BURST))
                    .containsEntry(
                            AnomalyLabel.TELEMETRY_LEVEL_SHIFT,
                            "rcf:telemetry/" + key(labels, AnomalyLabel.TELEMETRY_LEVEL_SHIFT));

            assertThat(FLINK.restarted(ingestion)).as("ingestion restarted").isTrue();
            assertThat(FLINK.restarted(delivery)).as("delivery restarted").isTrue();
            assertThat(FLINK.restarted(detector)).as("detector restarted").isTrue();
            assertThat(client.listShards(r -> r.streamARN(raw)).shards())
                    .as("4 shards, one split, two merged: 7 with the closed parents")
                    .hasSize(7);

            Map<String, Long> inStream =
                    counts(eventRecords.stream().map(StreamRecords::eventId).toList());
            long replayed = inStream.values().stream().filter(n -> n > 1).count();
            System.out.printf(
                    "RELIABILITY fault-injection records=%d valid=%d lakeRows=%d"
                            + " eventsReplayedByIngestion=%d eventsDisorder=%ds labels=%d"
                            + " alerts=%d alertCopies=%d alertsOutsideLabels=%d outage=%ds"
                            + " found=%s%n",
                    input.size() + tail.size(),
                    validIds.size(),
                    lakeIds.size(),
                    replayed,
                    disorder(eventRecords).toSeconds(),
                    labels.size(),
                    expected.size(),
                    raised.size(),
                    expected.stream()
                            .filter(a -> labels.stream().noneMatch(l -> alerts(a, l)))
                            .count(),
                    DOWNTIME.toSeconds(),
                    found);

            // Every malformed record is in the dead letters with its error type (a replay may
            // write one twice: compared as a set).
            Set<String> expectedDeadLetters =
                    input.stream()
                            .filter(r -> r.kind() == RecordKind.MALFORMED)
                            .map(r -> r.expectedError() + " " + StreamRecords.base64(r.data()))
                            .collect(Collectors.toSet());
            Set<String> actualDeadLetters =
                    new TestStream(client, "dead-letters", deadLetters, 1)
                            .readAll().stream()
                                    .map(StreamRecords::deadLetter)
                                    .map(d -> d.errorType + " " + StreamRecords.base64(d.raw))
                                    .collect(Collectors.toSet());
            assertThat(actualDeadLetters).isEqualTo(expectedDeadLetters);
        }
    }

    /** The detector's group: small forests, one-second intervals, the lag above. */
    private static Map<String, String> detectorGroup() {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put(AnomalyOptions.NUMBER_OF_TREES.key(), Integer.toString(DETECTOR.numberOfTrees()));
        p.put(AnomalyOptions.SAMPLE_SIZE.key(), Integer.toString(DETECTOR.sampleSize()));
        p.put(AnomalyOptions.PEAK_WINDOW.key(), Integer.toString(DETECTOR.peakWindow()));
        p.put(AnomalyOptions.SERIES_INTERVAL.key(), INTERVAL.toMillis() + " ms");
        p.put(AnomalyOptions.SERIES_MIN_CHECKOUTS.key(), Integer.toString(MIN_CHECKOUTS));
        p.put(AnomalyOptions.SERIES_OUT_OF_ORDERNESS.key(), OUT_OF_ORDERNESS.toMillis() + " ms");
        return p;
    }

    /**
     * Whether {@code a} is about {@code label}'s key and inside its window (one interval slack).
     */
    private static boolean alerts(Alert a, AnomalyLabel label) {
        Set<String> keys =
                switch (label.kind()) {
                    case AnomalyLabel.MERCHANT_VOLUME_SPIKE ->
                            Set.of(label.key(), "tx-count/" + label.key());
                    case AnomalyLabel.CHECKOUT_ERROR_BURST ->
                            Set.of("checkout-error-rate/" + label.key());
                    default -> Set.of("telemetry/" + label.key());
                };
        return keys.contains(a.key())
                && !a.windowStart().isBefore(label.start().minus(INTERVAL))
                && a.windowStart().isBefore(label.end().plus(INTERVAL));
    }

    private static String key(List<AnomalyLabel> labels, String kind) {
        return labels.stream().filter(l -> l.kind().equals(kind)).findFirst().get().key();
    }

    /** The alerts on the stream whose window ends before {@code closed}. */
    private static List<Alert> alertsBefore(List<StreamRecord> records, Instant closed) {
        return records.stream()
                .map(r -> AlertJson.fromJson(r.text()))
                .filter(a -> a.windowEnd().isBefore(closed))
                .toList();
    }

    /**
     * How far behind the newest event before it, in its shard of [events], an event came: what the
     * detector's per-shard watermark has to allow for.
     */
    private static Duration disorder(List<StreamRecord> records) {
        Map<String, Long> newest = new java.util.HashMap<>();
        long worst = 0;
        for (StreamRecord r : records) {
            long t = StreamRecords.event(r).occurredAt.toEpochMilli();
            long max = newest.merge(r.shardId(), t, Math::max);
            worst = Math.max(worst, max - t);
        }
        return Duration.ofMillis(worst);
    }

    private static Set<String> validIds(List<GeneratedRecord> records) {
        return records.stream()
                .filter(r -> r.kind() == RecordKind.VALID)
                .map(GeneratedRecord::eventId)
                .collect(Collectors.toSet());
    }

    /** Waits until every one of {@code ids} is in a committed file of the lake. */
    private void awaitInLake(Path lake, Set<String> ids) {
        Await.until(
                DEADLINE,
                () -> {
                    Set<String> missing = new HashSet<>(ids);
                    missing.removeAll(lakeIds(lake));
                    return missing;
                },
                Set::isEmpty,
                () -> ids.size() + " eventIds in the lake (the value: those still missing)");
    }

    /**
     * The eventIds of every committed file of the lake. A committed file never changes, so each is
     * read once, not on every poll (the jobs need the CPU).
     */
    private List<String> lakeIds(Path lake) {
        List<String> ids = new ArrayList<>();
        for (Path file : Lake.committedParquetFiles(lake)) {
            ids.addAll(lakeFiles.computeIfAbsent(file, f -> Lake.fileColumn(f, "eventId")));
        }
        return ids;
    }

    private static void write(KinesisClient client, String stream, List<GeneratedRecord> records)
            throws IOException {
        try (KinesisRecordWriter writer = new KinesisRecordWriter(client, stream)) {
            for (GeneratedRecord r : records) {
                writer.write(r);
            }
        }
    }

    /**
     * Waits until every job has completed a checkpoint triggered after this call: it runs, and its
     * state holds everything it had done before (a restore replays nothing older).
     */
    private static void awaitCheckpoint(List<JobID> jobs) throws Exception {
        long now = System.currentTimeMillis();
        for (JobID job : jobs) {
            Await.until(
                    DEADLINE,
                    () -> FLINK.latestCheckpointTriggeredAt(job),
                    triggered -> triggered > now,
                    () -> "a checkpoint of " + job + " triggered after " + now);
        }
    }

    /** Kills task manager {@code index} (in start order) and starts a new one. */
    private static void killTaskManager(int index) throws Exception {
        FLINK.cluster().terminateTaskManager(index).get();
        FLINK.cluster().startTaskManager();
    }

    private static void split(KinesisClient client, String stream, Shard shard) {
        BigInteger start = new BigInteger(shard.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(shard.hashKeyRange().endingHashKey());
        String middle = start.add(end).shiftRight(1).toString();
        client.splitShard(
                r -> r.streamARN(stream).shardToSplit(shard.shardId()).newStartingHashKey(middle));
        awaitActive(client, stream);
    }

    private static void merge(KinesisClient client, String stream, Shard a, Shard b) {
        client.mergeShards(
                r ->
                        r.streamARN(stream)
                                .shardToMerge(a.shardId())
                                .adjacentShardToMerge(b.shardId()));
        awaitActive(client, stream);
    }

    private static void awaitActive(KinesisClient client, String stream) {
        Await.until(
                Duration.ofSeconds(30),
                () ->
                        client.describeStreamSummary(r -> r.streamARN(stream))
                                .streamDescriptionSummary()
                                .streamStatus(),
                s -> s == StreamStatus.ACTIVE,
                "the stream to be ACTIVE after resharding");
    }

    private static Map<String, Long> counts(List<String> ids) {
        return ids.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
