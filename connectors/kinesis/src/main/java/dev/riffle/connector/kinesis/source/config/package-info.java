/**
 * The source's options ({@code source.*}), with the official connector's keys where it has them.
 */
package dev.riffle.connector.kinesis.source.config;
