/**
 * The AWS client layer shared by Riffle's Kinesis source, sink and SQL connector: typed {@code
 * aws.*} options with the official connector's keys ({@link
 * dev.riffle.connector.kinesis.aws.AwsConfigOptions}), their validation ({@link
 * dev.riffle.connector.kinesis.aws.AwsSettings}), the stream address ({@link
 * dev.riffle.connector.kinesis.aws.StreamAddress}) and the client factory ({@link
 * dev.riffle.connector.kinesis.aws.AwsClientFactory}).
 */
package dev.riffle.connector.kinesis.aws;
