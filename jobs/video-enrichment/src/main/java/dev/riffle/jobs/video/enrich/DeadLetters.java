package dev.riffle.jobs.video.enrich;

import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.common.deadletter.ErrorType;
import dev.riffle.common.event.RawRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** How this job fills the suite's dead-letter envelope. */
public final class DeadLetters {
    /** The envelope's {@code jobName}. */
    public static final String JOB_NAME = "riffle-video-enrichment";

    /** Raw bytes kept per dead letter (a dead letter must fit a 1 MiB Kinesis record). */
    public static final int MAX_RAW_BYTES = 256 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetters() {}

    public static DeadLetter of(RawRecord record, ErrorType type, String message) {
        return DeadLetter.of(record, type, message, JOB_NAME, Instant.now(), MAX_RAW_BYTES);
    }

    /**
     * A record the job made itself (a detection, a fragment) that arrived too late: kept as JSON,
     * with the Kinesis origin when it has one.
     */
    public static DeadLetter late(
            Object value,
            String message,
            @Nullable String stream,
            @Nullable String shardId,
            @Nullable String sequenceNumber) {
        String json;
        try {
            json = JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            json = String.valueOf(value);
        }
        RawRecord raw =
                new RawRecord(
                        json.getBytes(StandardCharsets.UTF_8),
                        stream,
                        shardId,
                        sequenceNumber,
                        null,
                        0);
        return of(raw, ErrorType.LATE_DATA, message);
    }
}
