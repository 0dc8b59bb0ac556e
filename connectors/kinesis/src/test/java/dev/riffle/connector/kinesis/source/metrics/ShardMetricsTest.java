package dev.riffle.connector.kinesis.source.metrics;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Metric names and groups are a contract with dashboards: pinned here. */
class ShardMetricsTest {

    /** Remembers every metric under its dotted path. */
    private static final class Recording extends UnregisteredMetricsGroup {
        final Map<String, Object> metrics;
        final String path;

        Recording(Map<String, Object> metrics, String path) {
            this.metrics = metrics;
            this.path = path;
        }

        @Override
        public MetricGroup addGroup(String name) {
            return new Recording(metrics, path + name + ".");
        }

        @Override
        public MetricGroup addGroup(String key, String value) {
            return new Recording(metrics, path + key + "." + value + ".");
        }

        @Override
        public Counter counter(String name) {
            return counter(name, new SimpleCounter());
        }

        @Override
        public <C extends Counter> C counter(String name, C counter) {
            metrics.put(path + name, counter);
            return counter;
        }

        @Override
        public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
            metrics.put(path + name, gauge);
            return gauge;
        }
    }

    @Test
    void perShardMetricsUseTheOfficialGroupsAndNames() {
        Map<String, Object> metrics = new TreeMap<>();
        ShardMetrics m =
                new ShardMetrics(
                        new Recording(metrics, ""),
                        "arn:aws:kinesis:eu-west-1:123456789012:stream/events",
                        "shardId-000000000007");
        m.millisBehindLatest(1234);
        m.recordsRead().inc(3);

        String group =
                "KinesisStreamSource.accountId.123456789012.region.eu-west-1.stream.events"
                        + ".shardId.shardId-000000000007.";
        assertThat(metrics)
                .containsOnlyKeys(
                        group + "millisBehindLatest",
                        group + "recordsRead",
                        group + "bytesRead",
                        group + "throttledCalls",
                        group + "iteratorRenewals",
                        group + "corruptAggregates",
                        group + "resubscriptions");
        assertThat(((Gauge<?>) metrics.get(group + "millisBehindLatest")).getValue())
                .isEqualTo(1234L);
        assertThat(((Counter) metrics.get(group + "recordsRead")).getCount()).isEqualTo(3);
    }
}
