/**
 * What Managed Service for Apache Flink allows and owns, for code that must run there unchanged.
 */
package dev.riffle.common.msf;
