/** Events between readers and the enumerator. */
package dev.riffle.connector.kinesis.source.event;
