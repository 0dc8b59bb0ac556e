/** Shard discovery and assignment (runs in the job manager), and its checkpoint state. */
package dev.riffle.connector.kinesis.source.enumerator;
