package dev.riffle.connector.kinesis.aws;

import org.apache.flink.annotation.PublicEvolving;

/** HTTP protocol of the asynchronous (Netty) client ({@code aws.http.protocol.version}). */
@PublicEvolving
public enum HttpProtocolVersion {
    HTTP1_1,
    /** Required by enhanced fan-out (SubscribeToShard); the default of the async client. */
    HTTP2
}
