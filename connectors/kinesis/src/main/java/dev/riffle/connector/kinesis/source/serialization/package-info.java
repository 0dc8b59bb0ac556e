/**
 * How records become the job's values: {@link
 * dev.riffle.connector.kinesis.source.serialization.KinesisDeserializationSchema}.
 */
package dev.riffle.connector.kinesis.source.serialization;
