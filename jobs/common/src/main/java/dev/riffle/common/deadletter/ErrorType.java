package dev.riffle.common.deadletter;

import org.apache.flink.annotation.PublicEvolving;

/**
 * Why a record went to the dead-letter output. The envelope carries the name as a string ({@link
 * DeadLetter#errorType}), so consumers keep working when a job adds a type; these are the ones the
 * suite produces today.
 */
@PublicEvolving
public enum ErrorType {
    /** The source could not unpack the record (a corrupt KPL aggregate); the raw bytes are kept. */
    CORRUPT_AGGREGATE,
    /** The record is larger than the job accepts. Checked before anything else. */
    OVERSIZE,
    /** The bytes are not valid UTF-8. */
    INVALID_ENCODING,
    /** The bytes are not a JSON object (empty, truncated, not JSON, an array, a string...). */
    MALFORMED_JSON,
    /** The {@code type} field is missing or names no known event type. */
    UNKNOWN_TYPE,
    /** The object breaks its type's JSON Schema: a missing field, a wrong type, a bad value. */
    SCHEMA_VIOLATION,
    /** The timestamp cannot be read as an instant, or lies too far in the future. */
    INVALID_TIMESTAMP,
    /**
     * The record arrived after the watermark had passed its event time by more than the job's
     * allowed lateness (an event-time join or window had already closed for it).
     */
    LATE_DATA,
    /** Something unexpected went wrong with this record (a bug): it is kept rather than lost. */
    PROCESSING_ERROR
}
