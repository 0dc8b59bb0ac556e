/** The job's operators and bookkeeping; not API. */
package dev.riffle.jobs.parquet.internal;
