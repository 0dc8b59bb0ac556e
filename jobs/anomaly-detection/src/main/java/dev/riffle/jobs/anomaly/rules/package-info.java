/** The windowed rules of sql/anomaly where they fit the DataStream job's series. */
package dev.riffle.jobs.anomaly.rules;
