package dev.riffle.connector.kvs.reader;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Per-stream reader metrics, in group {@code kvs.<stream or file>}: fragments emitted, duplicates
 * dropped, GetMedia calls, retries, truncated connections, KVS error tags, and the last {@code
 * millisBehindNow} GetMedia reported.
 */
@Internal
final class KvsReaderMetrics {
    final Counter fragments;
    final Counter duplicatesDropped;
    final Counter getMediaCalls;
    final Counter retries;
    final Counter truncations;
    final Counter errorTags;
    private volatile long millisBehindNow = -1;

    KvsReaderMetrics(MetricGroup parent, String target) {
        MetricGroup group = parent.addGroup("kvs", target);
        fragments = group.counter("fragmentsRead");
        duplicatesDropped = group.counter("duplicateFragmentsDropped");
        getMediaCalls = group.counter("getMediaCalls");
        retries = group.counter("getMediaRetries");
        truncations = group.counter("truncatedConnections");
        errorTags = group.counter("kvsErrors");
        group.gauge("millisBehindNow", () -> millisBehindNow);
    }

    void millisBehindNow(Long value) {
        if (value != null) {
            millisBehindNow = value;
        }
    }
}
