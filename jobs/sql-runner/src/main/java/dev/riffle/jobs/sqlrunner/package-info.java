/**
 * The SQL runner job: a script of {@code sql/} as one Flink job, on a local cluster or as a Managed
 * Service for Apache Flink application. {@link dev.riffle.jobs.sqlrunner.SqlRunnerJob} is the entry
 * point; {@link dev.riffle.jobs.sqlrunner.script} splits scripts and substitutes variables.
 */
package dev.riffle.jobs.sqlrunner;
