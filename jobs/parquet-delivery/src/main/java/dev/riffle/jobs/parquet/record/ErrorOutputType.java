package dev.riffle.jobs.parquet.record;

import org.apache.flink.annotation.PublicEvolving;

/**
 * Why a record went to the error prefix, as {@code !{firehose:error-output-type}} spells it in the
 * object key. Firehose's own value for conversion failures is kept; the other two name what Riffle
 * adds to it.
 */
@PublicEvolving
public enum ErrorOutputType {
    /** The record is not JSON, or does not fit the schema. */
    FORMAT_CONVERSION_FAILED("format-conversion-failed"),
    /** A partition key or the event timestamp could not be read from the record. */
    DYNAMIC_PARTITIONING_FAILED("dynamic-partitioning-failed"),
    /** The record would have opened one partition too many (see {@code max-open-partitions}). */
    ACTIVE_PARTITION_EXCEEDED("activePartitionExceeded");

    private final String value;

    ErrorOutputType(String value) {
        this.value = value;
    }

    /** The string {@code !{firehose:error-output-type}} evaluates to. */
    public String value() {
        return value;
    }
}
