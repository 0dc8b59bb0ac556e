package dev.riffle.jobs.parquet.record;

import org.apache.flink.annotation.PublicEvolving;

import org.apache.avro.generic.GenericRecord;

import java.util.Objects;

/**
 * One converted row and the folder (evaluated prefix) it is delivered to. Immutable by contract:
 * nothing changes the record after it was emitted, which lets {@link LakeRowSerializer#copy} hand
 * the same instance to chained operators.
 */
@PublicEvolving
public final class LakeRow {
    private final String bucket;
    private final GenericRecord record;

    public LakeRow(String bucket, GenericRecord record) {
        this.bucket = bucket;
        this.record = record;
    }

    /** The evaluated prefix, relative to the lake's path, ending in '/'. */
    public String bucket() {
        return bucket;
    }

    public GenericRecord record() {
        return record;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LakeRow)) {
            return false;
        }
        LakeRow that = (LakeRow) o;
        return Objects.equals(bucket, that.bucket) && Objects.equals(record, that.record);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, record);
    }

    @Override
    public String toString() {
        return "LakeRow{" + bucket + ": " + record + '}';
    }
}
