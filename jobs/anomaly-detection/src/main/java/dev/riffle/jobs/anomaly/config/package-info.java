/** The anomaly-detection job's configuration keys. */
package dev.riffle.jobs.anomaly.config;
