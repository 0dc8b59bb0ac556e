package dev.riffle.jobs.ingestion;

import dev.riffle.common.config.JobConfig;
import dev.riffle.common.config.JobConfigLoader;
import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.common.deadletter.DeadLetterJson;
import dev.riffle.common.event.Event;
import dev.riffle.common.event.EventJson;
import dev.riffle.jobs.ingestion.config.IngestionOptions;
import dev.riffle.testdata.GeneratedRecord;
import dev.riffle.testdata.GeneratorConfig;
import dev.riffle.testdata.KinesisRecordWriter;
import dev.riffle.testdata.RecordKind;
import dev.riffle.testdata.TrafficGenerator;
import dev.riffle.testing.Await;
import dev.riffle.testing.flink.LocalFlinkCluster;
import dev.riffle.testing.kinesis.KinesisMockExtension;
import dev.riffle.testing.kinesis.StreamRecord;
import dev.riffle.testing.kinesis.TestStream;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole job as a user configures it ({@link IngestionJob#define} from a property-group file):
 * seeded generator traffic written to {@code [raw-events]} in kinesis-mock, read by Riffle's
 * Kinesis source, written by Riffle's Kinesis sink to {@code [events]} and {@code [dead-letters]},
 * and read back from the streams with the plain SDK. On a MiniCluster of two task managers at
 * parallelism 2; the second test kills a task manager mid-run.
 */
class IngestionJobITCase {
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    @RegisterExtension
    static final LocalFlinkCluster CLUSTER =
            LocalFlinkCluster.builder()
                    .taskManagers(2)
                    .slotsPerTaskManager(1)
                    .configuration(clusterConfiguration())
                    .build();

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private static Configuration clusterConfiguration() {
        Configuration c = REPORTER.addToConfiguration(new Configuration());
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        return c;
    }

    /** The three streams, and the job reading and writing them. */
    private final class Run implements AutoCloseable {
        final TestStream raw = KINESIS.createStream("raw-events", 2);
        final TestStream events = KINESIS.createStream("events", 2);
        final TestStream deadLetters = KINESIS.createStream("dead-letters", 1);
        final StreamTail eventsTail = new StreamTail(KINESIS.client(), events.arn());
        final StreamTail deadLettersTail = new StreamTail(KINESIS.client(), deadLetters.arn());
        final JobClient job;

        Run() throws Exception {
            Path file = dir.resolve("ingestion.json");
            JSON.writeValue(file.toFile(), configuration(raw, events, deadLetters));
            JobConfig config =
                    JobConfigLoader.builder(IngestionOptions.SCHEMA)
                            .build()
                            .load(new String[] {"--config", file.toString()});
            Configuration job = new Configuration();
            job.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
            StreamExecutionEnvironment env = CLUSTER.remoteEnv(job);
            env.setParallelism(2);
            IngestionJob.define(env, config);
            this.job = env.executeAsync("ingestion-it");
        }

        void write(List<GeneratedRecord> records) throws IOException {
            try (KinesisRecordWriter writer =
                    new KinesisRecordWriter(KINESIS.client(), raw.arn())) {
                for (GeneratedRecord r : records) {
                    writer.write(r);
                }
            }
        }

        /** Events read back, per shard in order; waits until {@code ids} are all there. */
        List<Event> awaitEvents(Set<String> ids) {
            return Await.until(
                    DEADLINE,
                    () -> parseEvents(eventsTail.poll()),
                    seen ->
                            seen.stream()
                                    .map(e -> e.eventId)
                                    .collect(Collectors.toSet())
                                    .containsAll(ids),
                    () -> ids.size() + " events in " + events.name());
        }

        /** Dead letters read back; waits until there is one for each of {@code count} records. */
        List<DeadLetter> awaitDeadLetters(long count) {
            return Await.until(
                    DEADLINE,
                    () -> distinctByOrigin(parseDeadLetters(deadLettersTail.poll())),
                    seen -> seen.size() >= count,
                    () -> count + " dead letters in " + deadLetters.name());
        }

        JobID id() {
            return job.getJobID();
        }

        @Override
        public void close() throws Exception {
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get();
            }
        }
    }

    @Test
    void everyValidRecordOnceInOrderPerUserEveryBadOneDeadLetteredTheRestCounted()
            throws Exception {
        List<GeneratedRecord> input = generate(7, 2000);
        PipelineRun expected = new PipelineRun(input);

        try (Run run = new Run()) {
            run.write(input);
            List<Event> events = run.awaitEvents(validIds(input));
            List<DeadLetter> deadLetters =
                    run.awaitDeadLetters(expected.count(RecordKind.MALFORMED));

            // No failure, no retry: exactly once, in the order of the raw stream per user.
            expected.assertEvents(events, false);
            expected.assertDeadLetters(deadLetters, "riffle-ingestion");
            assertThat(deadLetters)
                    .allSatisfy(d -> assertThat(d.sourceStream).isEqualTo(run.raw.arn()));
            assertThat(events).allSatisfy(e -> assertThat(e.receivedAt).isNotNull());
            assertPartitionedByUser(run.eventsTail.poll());

            // Counters live in the operators: once everything is out, they are final.
            JobID job = run.id();
            Await.until(
                    DEADLINE,
                    () -> PipelineRun.counter(REPORTER, job, "\\.duplicates$"),
                    n -> n == expected.count(RecordKind.DUPLICATE),
                    "the duplicates counter to reach " + expected.count(RecordKind.DUPLICATE));
            assertThat(PipelineRun.counter(REPORTER, job, "\\.accepted$"))
                    .isEqualTo(expected.count(RecordKind.VALID));
            assertThat(PipelineRun.counter(REPORTER, job, "\\.filtered$"))
                    .isEqualTo(expected.count(RecordKind.INTERNAL));
            Map<String, Long> perReason = new HashMap<>();
            input.stream()
                    .filter(r -> r.kind() == RecordKind.MALFORMED)
                    .forEach(r -> perReason.merge(r.expectedError(), 1L, Long::sum));
            perReason.forEach(
                    (reason, n) ->
                            assertThat(
                                            PipelineRun.counter(
                                                    REPORTER,
                                                    job,
                                                    "\\.reason\\." + reason + "\\.rejected$"))
                                    .as("rejected with reason %s", reason)
                                    .isEqualTo(n));
        }
    }

    @Test
    void aTaskManagerFailureLosesNoValidRecordAndRestoresTheSeenIds() throws Exception {
        List<GeneratedRecord> input = generate(11, 2000);
        List<GeneratedRecord> before = input.subList(0, 1000);
        List<GeneratedRecord> after = input.subList(1000, input.size());
        // Sent again once the job has restored: seen before the failure, so duplicates after it.
        List<GeneratedRecord> resent = new ArrayList<>();
        for (GeneratedRecord r : before) {
            if (r.kind() == RecordKind.VALID && resent.size() < 100) {
                resent.add(r);
            }
        }
        PipelineRun expected = new PipelineRun(input);

        try (Run run = new Run()) {
            run.write(before);
            run.awaitEvents(validIds(before));
            run.awaitDeadLetters(new PipelineRun(before).count(RecordKind.MALFORMED));
            // Two more checkpoints: the second started after everything above was processed.
            long completed = completedCheckpoints(run.id());
            Await.until(
                    DEADLINE,
                    () -> completedCheckpoints(run.id()),
                    n -> n >= completed + 2,
                    "two more completed checkpoints");

            run.write(after.subList(0, 300));
            CLUSTER.replaceTaskManager(0);
            run.write(after.subList(300, after.size()));
            run.write(resent);

            List<Event> events = run.awaitEvents(validIds(input));
            List<DeadLetter> deadLetters =
                    run.awaitDeadLetters(expected.count(RecordKind.MALFORMED));

            assertThat(
                            CLUSTER.cluster()
                                    .getExecutionGraph(run.id())
                                    .get()
                                    .getStatusTimestamp(JobStatus.RESTARTING))
                    .as("the job restarted")
                    .isPositive();
            // At-least-once to Kinesis: replays after the restore may repeat an event; none is
            // missing and nothing else is there.
            expected.assertEvents(events, true);
            expected.assertDeadLetters(deadLetters, "riffle-ingestion");
            // Dedupe state came back with the checkpoint: what was seen before the failure is a
            // duplicate after it, so those events are on the stream once.
            Map<String, Long> copies =
                    events.stream()
                            .collect(Collectors.groupingBy(e -> e.eventId, Collectors.counting()));
            assertThat(validIds(before))
                    .allSatisfy(id -> assertThat(copies.get(id)).as("copies of %s", id).isOne());
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static List<GeneratedRecord> generate(long seed, int count) {
        List<GeneratedRecord> input = new ArrayList<>();
        new TrafficGenerator(
                        GeneratorConfig.builder()
                                .seed(seed)
                                .maxRecords(count)
                                .malformedShare(0.05)
                                .duplicateShare(0.04)
                                .internalShare(0.03)
                                .build())
                .forEachRemaining(input::add);
        return input;
    }

    private static Set<String> validIds(List<GeneratedRecord> records) {
        return records.stream()
                .filter(r -> r.kind() == RecordKind.VALID)
                .map(GeneratedRecord::eventId)
                .collect(Collectors.toSet());
    }

    private static List<Map<String, Object>> configuration(
            TestStream raw, TestStream events, TestStream deadLetters) {
        Map<String, String> source = new LinkedHashMap<>(KINESIS.mock().connectorProperties(false));
        source.put("stream.arn", raw.arn());
        source.put("source.init.position", "TRIM_HORIZON");
        source.put("source.reader.empty-records-fetch-interval", "100 ms");
        Map<String, String> eventsSink =
                new LinkedHashMap<>(KINESIS.mock().connectorProperties(false));
        eventsSink.put("stream.arn", events.arn());
        Map<String, String> deadLettersSink =
                new LinkedHashMap<>(KINESIS.mock().connectorProperties(false));
        deadLettersSink.put("stream.arn", deadLetters.arn());
        Map<String, String> ingestion = new LinkedHashMap<>();
        TestSupport.configuration().toMap().forEach(ingestion::put);
        return List.of(
                group(IngestionOptions.SOURCE_GROUP, source),
                group(IngestionOptions.EVENTS_GROUP, eventsSink),
                group(IngestionOptions.DEAD_LETTERS_GROUP, deadLettersSink),
                group(IngestionOptions.GROUP, ingestion));
    }

    private static Map<String, Object> group(String id, Map<String, String> properties) {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("PropertyGroupId", id);
        group.put("PropertyMap", properties);
        return group;
    }

    private static List<Event> parseEvents(List<StreamRecord> records) {
        List<Event> events = new ArrayList<>();
        for (StreamRecord r : records) {
            try {
                events.add(EventJson.read(r.data()));
            } catch (IOException e) {
                throw new UncheckedIOException("Not an event: " + r.text(), e);
            }
        }
        return events;
    }

    private static List<DeadLetter> parseDeadLetters(List<StreamRecord> records) {
        List<DeadLetter> out = new ArrayList<>();
        for (StreamRecord r : records) {
            try {
                out.add(DeadLetterJson.read(r.data()));
            } catch (IOException e) {
                throw new UncheckedIOException("Not a dead letter: " + r.text(), e);
            }
        }
        return out;
    }

    /** One dead letter per rejected record: a replay after a restore may write one twice. */
    private static List<DeadLetter> distinctByOrigin(List<DeadLetter> deadLetters) {
        Map<String, DeadLetter> first = new LinkedHashMap<>();
        for (DeadLetter d : deadLetters) {
            first.putIfAbsent(d.shardId + "/" + d.sequenceNumber, d);
        }
        return new ArrayList<>(first.values());
    }

    /** Every event's stream record has its user (or device) as partition key. */
    private static void assertPartitionedByUser(List<StreamRecord> records) throws IOException {
        for (StreamRecord r : records) {
            Event e = EventJson.read(r.data());
            assertThat(r.partitionKey())
                    .as("partition key of %s", e.eventId)
                    .isEqualTo(e.partitionKey());
        }
    }

    private static long completedCheckpoints(JobID job) throws Exception {
        return CLUSTER.completedCheckpoints(job);
    }
}
