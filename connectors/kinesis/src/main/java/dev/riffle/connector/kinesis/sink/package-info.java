/**
 * The Kinesis Data Streams sink: {@link dev.riffle.connector.kinesis.sink.KinesisSink}, its builder
 * and options, partition and explicit hash key generators, and the dead-letter output.
 */
package dev.riffle.connector.kinesis.sink;
