package dev.riffle.jobs.parquet.record;

import org.apache.flink.annotation.PublicEvolving;

/**
 * The {@code errorCode} of an error record, in Firehose's {@code Area.Reason} style, and the error
 * output type (the folder) it is written under.
 */
@PublicEvolving
public enum ErrorCode {
    /** Not UTF-8 JSON, or not a JSON object. */
    MALFORMED_DATA("DataFormatConversion.MalformedData", ErrorOutputType.FORMAT_CONVERSION_FAILED),
    /** A value that cannot be converted to its column's type. */
    INVALID_VALUE("DataFormatConversion.InvalidValue", ErrorOutputType.FORMAT_CONVERSION_FAILED),
    /** A column declared NOT NULL is missing or null. */
    MISSING_REQUIRED_FIELD(
            "DataFormatConversion.MissingRequiredField", ErrorOutputType.FORMAT_CONVERSION_FAILED),
    /** A partition key or the event timestamp is missing or not a scalar. */
    METADATA_EXTRACTION_FAILED(
            "DynamicPartitioning.MetadataExtractionFailed",
            ErrorOutputType.DYNAMIC_PARTITIONING_FAILED),
    /** The evaluated prefix is not a valid object key (too long, "..", empty segment). */
    INVALID_PREFIX(
            "DynamicPartitioning.InvalidPrefix", ErrorOutputType.DYNAMIC_PARTITIONING_FAILED),
    /** The open-partition cap was reached. */
    ACTIVE_PARTITIONS_LIMIT_EXCEEDED(
            "DynamicPartitioning.ActivePartitionsLimitExceeded",
            ErrorOutputType.ACTIVE_PARTITION_EXCEEDED);

    private final String code;
    private final ErrorOutputType outputType;

    ErrorCode(String code, ErrorOutputType outputType) {
        this.code = code;
        this.outputType = outputType;
    }

    /** The {@code errorCode} field's value. */
    public String code() {
        return code;
    }

    public ErrorOutputType outputType() {
        return outputType;
    }
}
