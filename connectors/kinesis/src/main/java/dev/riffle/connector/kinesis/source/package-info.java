/**
 * The Kinesis Data Streams source: {@link dev.riffle.connector.kinesis.source.KinesisSource} and
 * its builder.
 */
package dev.riffle.connector.kinesis.source;
