package dev.riffle.jobs.parquet.config;

import org.apache.flink.annotation.PublicEvolving;

/** Which instant {@code !{timestamp:...}} renders. */
@PublicEvolving
public enum TimestampSource {
    /** When Kinesis accepted the record (Firehose's behaviour). */
    ARRIVAL_TIME,
    /** A timestamp field of the record ({@code timestamp.field}). */
    EVENT_TIME
}
