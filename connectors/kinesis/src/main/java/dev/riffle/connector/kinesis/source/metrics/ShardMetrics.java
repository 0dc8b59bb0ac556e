package dev.riffle.connector.kinesis.source.metrics;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

import software.amazon.awssdk.arns.Arn;

/**
 * Metrics of one shard, in the group {@code KinesisStreamSource.accountId.<a>.region.<r>.stream.<s>
 * .shardId.<id>} as in the official connector: {@value #MILLIS_BEHIND_LATEST} (the official name),
 * and Riffle's {@value #RECORDS_READ}, {@value #BYTES_READ}, {@value #THROTTLED_CALLS}, {@value
 * #ITERATOR_RENEWALS}, {@value #CORRUPT_AGGREGATES}, {@value #RESUBSCRIPTIONS}.
 *
 * <p>Written by the fetcher thread only; gauges are read by the metric reporters.
 */
@Internal
public final class ShardMetrics {
    public static final String GROUP = "KinesisStreamSource";
    public static final String MILLIS_BEHIND_LATEST = "millisBehindLatest";
    public static final String RECORDS_READ = "recordsRead";
    public static final String BYTES_READ = "bytesRead";
    public static final String THROTTLED_CALLS = "throttledCalls";
    public static final String ITERATOR_RENEWALS = "iteratorRenewals";
    public static final String CORRUPT_AGGREGATES = "corruptAggregates";
    public static final String RESUBSCRIPTIONS = "resubscriptions";

    private final MetricGroup group;
    private volatile long millisBehindLatest = -1;
    private final Counter recordsRead;
    private final Counter bytesRead;
    private final Counter throttledCalls;
    private final Counter iteratorRenewals;
    private final Counter corruptAggregates;
    private final Counter resubscriptions;

    public ShardMetrics(MetricGroup parent, String streamArn, String shardId) {
        MetricGroup g = parent.addGroup(GROUP);
        try {
            Arn arn = Arn.fromString(streamArn);
            g =
                    g.addGroup("accountId", arn.accountId().orElse("unknown"))
                            .addGroup("region", arn.region().orElse("unknown"))
                            .addGroup("stream", arn.resource().resource());
        } catch (IllegalArgumentException notAnArn) {
            g = g.addGroup("stream", streamArn);
        }
        this.group = g.addGroup("shardId", shardId);
        group.gauge(MILLIS_BEHIND_LATEST, () -> millisBehindLatest);
        recordsRead = group.counter(RECORDS_READ);
        bytesRead = group.counter(BYTES_READ);
        throttledCalls = group.counter(THROTTLED_CALLS);
        iteratorRenewals = group.counter(ITERATOR_RENEWALS);
        corruptAggregates = group.counter(CORRUPT_AGGREGATES);
        resubscriptions = group.counter(RESUBSCRIPTIONS);
    }

    public void millisBehindLatest(long millis) {
        this.millisBehindLatest = millis;
    }

    public long millisBehindLatest() {
        return millisBehindLatest;
    }

    public Counter recordsRead() {
        return recordsRead;
    }

    public Counter bytesRead() {
        return bytesRead;
    }

    public Counter throttledCalls() {
        return throttledCalls;
    }

    public Counter iteratorRenewals() {
        return iteratorRenewals;
    }

    public Counter corruptAggregates() {
        return corruptAggregates;
    }

    public Counter resubscriptions() {
        return resubscriptions;
    }

    public MetricGroup group() {
        return group;
    }
}
