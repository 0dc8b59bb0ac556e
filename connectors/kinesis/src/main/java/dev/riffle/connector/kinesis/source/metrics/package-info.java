/** Per-shard metrics. */
package dev.riffle.connector.kinesis.source.metrics;
