/** The narrow Kinesis interface the source uses, and its AWS SDK implementation. */
package dev.riffle.connector.kinesis.source.proxy;
