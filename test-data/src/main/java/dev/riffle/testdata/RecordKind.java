package dev.riffle.testdata;

/** What a generated record is, and so what the ingestion job must do with it. */
public enum RecordKind {
    /** A good event: must appear in the events stream exactly once. */
    VALID,
    /** The same bytes as an earlier VALID record: must be dropped by deduplication. */
    DUPLICATE,
    /** A good event from a test account or an internal network: must be filtered out. */
    INTERNAL,
    /** A broken record: must appear in the dead letters with {@link Malformation#expectedError}. */
    MALFORMED
}
