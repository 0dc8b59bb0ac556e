/**
 * Deduplication of at-least-once streams by a record's id: {@link
 * dev.riffle.common.dedupe.FirstSighting} lets the first sighting of a key through and drops its
 * repeats within a window.
 */
package dev.riffle.common.dedupe;
