/**
 * The Numenta Anomaly Benchmark's scoring (standard profile): labelled windows, the scaled sigmoid
 * reward, one threshold optimised over the whole corpus, and the score normalised between the null
 * detector (0) and a perfect one (100).
 */
package dev.riffle.jobs.anomaly.nab;
