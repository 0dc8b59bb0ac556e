package dev.riffle.jobs.parquet.record;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Arrays;
import java.util.Objects;

/**
 * A record that could not be delivered as a Parquet row, in Firehose's error record format (see
 * {@link ErrorRecordJson}), plus the object-key prefix it goes to.
 *
 * <p>A Flink POJO, so Flink serializes it without Kryo.
 */
@PublicEvolving
public class ErrorRecord {
    /** Evaluated error prefix (a folder under the lake's path, ending in '/'). */
    public String bucket;

    /** Always 1: the job converts once; a record that fails, fails for good. */
    public int attemptsMade = 1;

    /** When Kinesis accepted the record, epoch milliseconds. */
    public long arrivalTimestamp;

    /** An {@link ErrorCode#code()}. */
    public String errorCode;

    /** What was wrong, for a person; names the field and the problem. */
    public String errorMessage;

    /** When the job gave up on the record, epoch milliseconds. */
    public long attemptEndingTimestamp;

    /** The record's bytes, as received (base64 in JSON). */
    public byte[] rawData;

    public String sequenceNumber;

    /** 0 for a record that was not KPL-aggregated (as Firehose writes it). */
    public long subSequenceNumber;

    public ErrorRecord() {}

    /** An error record for {@code record}, failed with {@code code} at {@code failedAtMillis}. */
    public static ErrorRecord of(
            DeliveryRecord record,
            ErrorCode code,
            String message,
            long failedAtMillis,
            String bucket) {
        ErrorRecord e = new ErrorRecord();
        e.bucket = bucket;
        e.arrivalTimestamp = record.arrivalTimeMillis;
        e.errorCode = code.code();
        e.errorMessage = message;
        e.attemptEndingTimestamp = failedAtMillis;
        e.rawData = record.data == null ? new byte[0] : record.data;
        e.sequenceNumber = record.sequenceNumber;
        e.subSequenceNumber = Math.max(0, record.subSequenceNumber);
        return e;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ErrorRecord)) {
            return false;
        }
        ErrorRecord e = (ErrorRecord) o;
        return attemptsMade == e.attemptsMade
                && arrivalTimestamp == e.arrivalTimestamp
                && attemptEndingTimestamp == e.attemptEndingTimestamp
                && subSequenceNumber == e.subSequenceNumber
                && Objects.equals(bucket, e.bucket)
                && Objects.equals(errorCode, e.errorCode)
                && Objects.equals(errorMessage, e.errorMessage)
                && Arrays.equals(rawData, e.rawData)
                && Objects.equals(sequenceNumber, e.sequenceNumber);
    }

    @Override
    public int hashCode() {
        return Objects.hash(errorCode, sequenceNumber, subSequenceNumber);
    }

    @Override
    public String toString() {
        return "ErrorRecord{" + errorCode + ": " + errorMessage + ", seq=" + sequenceNumber + '}';
    }
}
