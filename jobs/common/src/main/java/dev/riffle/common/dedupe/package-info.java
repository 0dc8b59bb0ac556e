/**
 * Deduplication of at-least-once streams by a record's id: {@link
 * dev.riffle.common.dedupe.FirstSighting} (keyed by the id) lets the first sighting through and
 * drops its repeats within a window; {@link dev.riffle.common.dedupe.EventDedupe} does the same for
 * events keyed by their partition key, so that each key's events keep their order.
 */
package dev.riffle.common.dedupe;
