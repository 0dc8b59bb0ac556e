/**
 * {@code riffle backtest}: the detector's operators over a folder of CSV series in bounded mode,
 * writing NAB-format results, and (with labelled windows) the NAB score.
 */
package dev.riffle.jobs.anomaly.backtest;
