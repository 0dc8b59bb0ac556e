/** How the job reads the events stream and writes alerts and dead letters. */
package dev.riffle.jobs.anomaly.io;
