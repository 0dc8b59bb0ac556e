package dev.riffle.jobs.video.deadletter;

import javax.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A record the job could not use, with why: the envelope of DESIGN.md's dead-letter output (error
 * type, message, raw bytes as base64, source stream, shard, sequence number, arrival time). It is
 * this job's own until the shared envelope lands in jobs/common; the JSON field names are the same.
 */
public class DeadLetter {
    /** A Rekognition record that is not JSON or not one of the two known shapes. */
    public static final String BAD_REKOGNITION_RECORD = "BAD_REKOGNITION_RECORD";

    /** A detection whose event time was already past the join's allowed lateness. */
    public static final String LATE_DETECTION = "LATE_DETECTION";

    /** A fragment whose end was already past the join's allowed lateness. */
    public static final String LATE_FRAGMENT = "LATE_FRAGMENT";

    /** An enriched detection too late even for the counts window's allowed lateness. */
    public static final String LATE_FOR_COUNTS = "LATE_FOR_COUNTS";

    public String errorType;
    public String message;
    public String rawBase64;
    @Nullable public String stream;
    @Nullable public String shardId;
    @Nullable public String sequenceNumber;
    public long arrivalMillis;
    public String job = "video-enrichment";

    public DeadLetter() {}

    public static DeadLetter of(
            String errorType,
            String message,
            byte[] raw,
            @Nullable String stream,
            @Nullable String shardId,
            @Nullable String sequenceNumber,
            long arrivalMillis) {
        DeadLetter d = new DeadLetter();
        d.errorType = errorType;
        d.message = message;
        d.rawBase64 = Base64.getEncoder().encodeToString(raw);
        d.stream = stream;
        d.shardId = shardId;
        d.sequenceNumber = sequenceNumber;
        d.arrivalMillis = arrivalMillis;
        return d;
    }

    public static DeadLetter of(String errorType, String message, String rawJson, long at) {
        return of(
                errorType, message, rawJson.getBytes(StandardCharsets.UTF_8), null, null, null, at);
    }

    public String rawText() {
        return new String(Base64.getDecoder().decode(rawBase64), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + errorType + ": " + message + '}';
    }
}
