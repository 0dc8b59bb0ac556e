package dev.riffle.jobs.video.io;

import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.common.deadletter.DeadLetterJson;
import dev.riffle.connector.kinesis.sink.PartitionKeyGenerator;
import dev.riffle.jobs.video.enrich.DeadLetters;
import dev.riffle.jobs.video.model.CameraCounts;
import dev.riffle.jobs.video.model.EnrichedDetection;

import org.apache.flink.api.common.serialization.SerializationSchema;

import java.nio.charset.StandardCharsets;

/**
 * How the job's outputs become Kinesis records: the JSON of {@link OutputJson} as UTF-8, and the
 * partition keys that keep one camera's records in order on one shard.
 */
public final class OutputSchemas {
    private OutputSchemas() {}

    public static SerializationSchema<EnrichedDetection> detections() {
        return d -> OutputJson.detection(d).getBytes(StandardCharsets.UTF_8);
    }

    /** The camera id; for a camera the registry does not know, its video stream's ARN. */
    public static PartitionKeyGenerator<EnrichedDetection> detectionKey() {
        return d -> d.camera != null ? d.camera.cameraId : d.detection.streamArn;
    }

    public static SerializationSchema<CameraCounts> counts() {
        return c -> OutputJson.counts(c).getBytes(StandardCharsets.UTF_8);
    }

    /** The camera (or {@code unregistered:<stream ARN>}), as in the record's {@code camera}. */
    public static PartitionKeyGenerator<CameraCounts> countsKey() {
        return c -> c.cameraKey;
    }

    /** The suite's envelope ({@link DeadLetterJson}). */
    public static SerializationSchema<DeadLetter> deadLetters() {
        return DeadLetterJson::write;
    }

    /** The shard the bad record came from, so one shard's dead letters stay in order. */
    public static PartitionKeyGenerator<DeadLetter> deadLetterKey() {
        return d -> d.shardId != null ? d.shardId : DeadLetters.JOB_NAME;
    }
}
