/** Kinesis Data Streams connector: source, sink and the SQL connector 'kinesis'. */
package dev.riffle.connector.kinesis;
