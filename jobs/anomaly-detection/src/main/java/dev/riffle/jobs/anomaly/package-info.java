/**
 * Anomaly detection: Random Cut Forest for Flink SQL ({@link dev.riffle.jobs.anomaly.sql}), a keyed
 * DataStream detector ({@link dev.riffle.jobs.anomaly.detector}), backtesting over CSV series
 * ({@link dev.riffle.jobs.anomaly.backtest}) and NAB scoring ({@link dev.riffle.jobs.anomaly.nab}).
 */
package dev.riffle.jobs.anomaly;
