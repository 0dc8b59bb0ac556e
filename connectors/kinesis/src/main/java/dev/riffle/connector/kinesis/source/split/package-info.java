/** A shard as a split, its start position, and the split checkpoint format. */
package dev.riffle.connector.kinesis.source.split;
