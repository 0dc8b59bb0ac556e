package dev.riffle.jobs.ingestion;

import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.common.event.Event;
import dev.riffle.common.event.RawRecord;
import dev.riffle.jobs.ingestion.config.IngestionConfig;
import dev.riffle.testdata.GeneratedRecord;
import dev.riffle.testdata.GeneratorConfig;
import dev.riffle.testdata.RecordKind;
import dev.riffle.testdata.TrafficGenerator;
import dev.riffle.testing.flink.LocalFlinkCluster;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingestion pipeline on a MiniCluster at parallelism 2, fed from memory with a seeded generator
 * run: what comes out is checked record by record, and the metrics count what was rejected,
 * filtered and deduplicated.
 */
class IngestionPipelineITCase {
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final LocalFlinkCluster CLUSTER =
            LocalFlinkCluster.builder()
                    .taskManagers(1)
                    .slotsPerTaskManager(2)
                    .configuration(REPORTER.addToConfiguration(new Configuration()))
                    .build();

    @Test
    void everyValidRecordOnceEveryBadOneDeadLetteredInternalFilteredDuplicatesCounted()
            throws Exception {
        List<GeneratedRecord> input = new ArrayList<>();
        new TrafficGenerator(
                        GeneratorConfig.builder()
                                .seed(31)
                                .maxRecords(3000)
                                .malformedShare(0.05)
                                .duplicateShare(0.04)
                                .internalShare(0.03)
                                .build())
                .forEachRemaining(input::add);
        List<RawRecord> raw = new ArrayList<>();
        for (GeneratedRecord r : input) {
            raw.add(TestSupport.raw(r, raw.size()));
        }

        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false); // every type has a real serializer
        StreamExecutionEnvironment env = CLUSTER.remoteEnv(conf);
        env.setParallelism(2);
        IngestionConfig config = TestSupport.config();
        // One reader, like one Kinesis shard: per-key order is defined by the input order.
        DataStream<RawRecord> source =
                env.fromData(raw).setParallelism(1).name("generated raw events");
        IngestionPipeline.Outputs outputs = IngestionPipeline.build(source, config);
        CloseableIterator<Event> events = outputs.events.collectAsync();
        CloseableIterator<DeadLetter> deadLetters = outputs.deadLetters.collectAsync();
        JobClient client = env.executeAsync("ingestion-pipeline-it");
        List<Event> eventList = new ArrayList<>();
        events.forEachRemaining(eventList::add);
        List<DeadLetter> deadLetterList = new ArrayList<>();
        deadLetters.forEachRemaining(deadLetterList::add);
        client.getJobExecutionResult().get();

        PipelineRun run = new PipelineRun(input);
        assertThat(run.count(RecordKind.MALFORMED)).isGreaterThan(100);
        assertThat(run.count(RecordKind.DUPLICATE)).isGreaterThan(60);
        assertThat(run.count(RecordKind.INTERNAL)).isGreaterThan(40);
        run.assertEvents(eventList, false);
        run.assertDeadLetters(deadLetterList, "riffle-ingestion");
        assertThat(eventList).allSatisfy(e -> assertThat(e.receivedAt).isNotNull());
        assertThat(eventList.stream().filter(e -> e.geoCountry != null).count())
                .isGreaterThan(eventList.size() / 2);

        JobID job = client.getJobID();
        assertThat(PipelineRun.counter(REPORTER, job, "\\.accepted$"))
                .isEqualTo(run.count(RecordKind.VALID));
        assertThat(PipelineRun.counter(REPORTER, job, "\\.duplicates$"))
                .isEqualTo(run.count(RecordKind.DUPLICATE));
        assertThat(PipelineRun.counter(REPORTER, job, "\\.filtered$"))
                .isEqualTo(run.count(RecordKind.INTERNAL));
        assertThat(PipelineRun.counter(REPORTER, job, "\\.rejected$"))
                .isEqualTo(run.count(RecordKind.MALFORMED));
        assertThat(PipelineRun.counter(REPORTER, job, "\\.reason\\.OVERSIZE\\.rejected$"))
                .isEqualTo(
                        input.stream().filter(r -> "OVERSIZE".equals(r.expectedError())).count());
        // Lookups happen before deduplication: a duplicate of a miss is a miss too.
        java.util.Set<String> missed =
                eventList.stream()
                        .filter(e -> e.ip != null && e.geoCountry == null)
                        .map(e -> e.eventId)
                        .collect(java.util.stream.Collectors.toSet());
        long duplicateMisses =
                input.stream()
                        .filter(
                                r ->
                                        r.kind() == RecordKind.DUPLICATE
                                                && missed.contains(r.eventId()))
                        .count();
        assertThat(PipelineRun.counter(REPORTER, job, "\\.enrichmentMisses$"))
                .isEqualTo(missed.size() + duplicateMisses);
    }
}
