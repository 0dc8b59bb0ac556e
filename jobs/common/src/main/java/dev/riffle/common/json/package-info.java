/** Helpers for the hand-written JSON forms of the suite's records. */
package dev.riffle.common.json;
