/** How {@link dev.riffle.common.config} reads, checks and prints configuration. Not API. */
package dev.riffle.common.config.internal;
