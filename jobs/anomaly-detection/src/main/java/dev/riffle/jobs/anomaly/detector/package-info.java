/**
 * The keyed DataStream detector: one thresholded Random Cut Forest per series, kept in memory,
 * written to keyed state before each checkpoint barrier, bounded in number.
 */
package dev.riffle.jobs.anomaly.detector;
