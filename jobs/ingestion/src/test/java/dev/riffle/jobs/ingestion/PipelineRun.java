package dev.riffle.jobs.ingestion;

import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.common.event.Event;
import dev.riffle.testdata.GeneratedRecord;
import dev.riffle.testdata.RecordKind;

import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks every end-to-end ingestion test makes: given what the generator wrote and what the job
 * emitted, every valid record is in the events exactly once and in order per partition key, every
 * malformed one is a dead letter with the right error type, nothing else got through.
 */
final class PipelineRun {
    private final List<GeneratedRecord> input;

    PipelineRun(List<GeneratedRecord> input) {
        this.input = input;
    }

    long count(RecordKind kind) {
        return input.stream().filter(r -> r.kind() == kind).count();
    }

    /** Events: exactly the valid records' ids, once each, in order per partition key. */
    void assertEvents(List<Event> events, boolean allowRedelivery) {
        List<String> expected = new ArrayList<>();
        Map<String, List<String>> expectedPerKey = new LinkedHashMap<>();
        for (GeneratedRecord r : input) {
            if (r.kind() == RecordKind.VALID) {
                expected.add(r.eventId());
                expectedPerKey
                        .computeIfAbsent(r.partitionKey(), k -> new ArrayList<>())
                        .add(r.eventId());
            }
        }
        List<String> ids = events.stream().map(e -> e.eventId).toList();
        assertThat(ids)
                .as("no record missing, no internal or malformed one")
                .containsExactlyInAnyOrderElementsOf(
                        allowRedelivery ? ids.stream().distinct().toList() : ids);
        assertThat(ids.stream().distinct().toList()).containsExactlyInAnyOrderElementsOf(expected);
        if (!allowRedelivery) {
            Map<String, List<String>> perKey = new HashMap<>();
            for (Event e : events) {
                perKey.computeIfAbsent(e.partitionKey(), k -> new ArrayList<>()).add(e.eventId);
            }
            assertThat(perKey).as("order per partition key").isEqualTo(expectedPerKey);
        }
    }

    /** Dead letters: one per malformed record, with its bytes and the error type it must get. */
    void assertDeadLetters(List<DeadLetter> deadLetters, String jobName) {
        Map<String, Long> expected = new HashMap<>();
        for (GeneratedRecord r : input) {
            if (r.kind() == RecordKind.MALFORMED) {
                expected.merge(
                        r.expectedError() + " " + Base64.getEncoder().encodeToString(r.data()),
                        1L,
                        Long::sum);
            }
        }
        Map<String, Long> actual = new HashMap<>();
        for (DeadLetter d : deadLetters) {
            assertThat(d.rawTruncated).isFalse();
            assertThat(d.jobName).isEqualTo(jobName);
            assertThat(d.errorMessage).isNotBlank();
            assertThat(d.shardId).isNotBlank();
            assertThat(d.sequenceNumber).isNotBlank();
            assertThat(d.arrivalTime).isNotNull();
            actual.merge(
                    d.errorType + " " + Base64.getEncoder().encodeToString(d.raw), 1L, Long::sum);
        }
        assertThat(actual).isEqualTo(expected);
    }

    /** Sum of every counter of the job whose identifier matches {@code regex}. */
    static long counter(InMemoryReporter reporter, JobID job, String regex) {
        Pattern p = Pattern.compile(regex);
        long sum = 0;
        for (Map.Entry<org.apache.flink.metrics.MetricGroup, Map<String, Metric>> g :
                reporter.getMetricsByGroup().entrySet()) {
            if (!job.toString().equals(g.getKey().getAllVariables().get("<job_id>"))) {
                continue;
            }
            for (Map.Entry<String, Metric> m : g.getValue().entrySet()) {
                if (m.getValue() instanceof Counter
                        && p.matcher(g.getKey().getMetricIdentifier(m.getKey())).find()) {
                    sum += ((Counter) m.getValue()).getCount();
                }
            }
        }
        return sum;
    }
}
