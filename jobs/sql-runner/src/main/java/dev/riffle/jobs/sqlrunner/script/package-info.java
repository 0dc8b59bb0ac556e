/**
 * Flink SQL scripts as statements with line numbers ({@link
 * dev.riffle.jobs.sqlrunner.script.SqlScript}) and the {@code ${name}} variables that keep them
 * independent of the environment ({@link dev.riffle.jobs.sqlrunner.script.ScriptVariables}).
 */
package dev.riffle.jobs.sqlrunner.script;
