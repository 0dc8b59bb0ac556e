/**
 * {@code RANDOM_CUT_FOREST} and {@code RANDOM_CUT_FOREST_WITH_EXPLANATION} for Flink SQL: process
 * table functions with Kinesis Data Analytics' parameters, defaults, output columns and warm-up,
 * one model per {@code PARTITION BY} key, and model state that survives restarts exactly-once.
 */
package dev.riffle.jobs.anomaly.sql;
