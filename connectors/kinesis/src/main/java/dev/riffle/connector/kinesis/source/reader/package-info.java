/** The source reader: fetchers per reading mode, emission into per-shard outputs. */
package dev.riffle.connector.kinesis.source.reader;
