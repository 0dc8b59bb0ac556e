package dev.riffle.testing.kvs;

import java.util.Locale;

/**
 * Rekognition Video stream-processor records for tests and the demo, in the two shapes the service
 * produces: face search results (PascalCase, what a face-search stream processor writes to its
 * Kinesis data stream) and label detection events (camelCase, what a connected-home label detection
 * stream processor publishes). Each is keyed to a KVS fragment by stream ARN and fragment number,
 * with a frame offset into the fragment.
 */
public final class RekognitionRecords {
    private RekognitionRecords() {}

    /**
     * A face search record with one detected face; {@code matchedFaceId} null means the face
     * matched nobody in the collection.
     */
    public static String faceSearch(
            String streamArn,
            SyntheticFragment fragment,
            long frameOffsetMillis,
            double confidence,
            String matchedFaceId,
            String externalImageId) {
        String matches =
                matchedFaceId == null
                        ? "[]"
                        : String.format(
                                Locale.ROOT,
                                "[{\"Similarity\":98.7,\"Face\":{\"BoundingBox\":{\"Height\":0.2,"
                                    + "\"Width\":0.1,\"Left\":0.4,\"Top\":0.3},\"FaceId\":\"%s\","
                                    + "\"Confidence\":99.9,\"ImageId\":\"img-%s\","
                                    + "\"ExternalImageId\":\"%s\"}}]",
                                matchedFaceId,
                                matchedFaceId,
                                externalImageId);
        return String.format(
                Locale.ROOT,
                "{\"InputInformation\":{\"KinesisVideo\":{\"StreamArn\":\"%s\","
                        + "\"FragmentNumber\":\"%s\",\"ServerTimestamp\":%s,"
                        + "\"ProducerTimestamp\":%s,\"FrameOffsetInSeconds\":%s}},"
                        + "\"StreamProcessorInformation\":{\"Status\":\"RUNNING\"},"
                        + "\"FaceSearchResponse\":[{\"DetectedFace\":{\"BoundingBox\":"
                        + "{\"Height\":0.21,\"Width\":0.11,\"Left\":0.41,\"Top\":0.31},"
                        + "\"Confidence\":%s,\"Landmarks\":[],\"Pose\":{\"Pitch\":1.0,"
                        + "\"Roll\":2.0,\"Yaw\":3.0},\"Quality\":{\"Brightness\":80.0,"
                        + "\"Sharpness\":90.0}},\"MatchedFaces\":%s}]}",
                streamArn,
                fragment.fragmentNumber(),
                seconds(fragment.serverTimestampMillis()),
                seconds(fragment.producerTimestampMillis()),
                seconds(frameOffsetMillis),
                confidence,
                matches);
    }

    /** A label detection event with one label (e.g. PERSON, PACKAGE, PET). */
    public static String label(
            String streamArn,
            SyntheticFragment fragment,
            long frameOffsetMillis,
            String name,
            double confidence) {
        return String.format(
                Locale.ROOT,
                "{\"inputInformation\":{\"kinesisVideo\":{\"streamArn\":\"%s\"}},"
                        + "\"eventNamespace\":{\"type\":\"LABEL_DETECTED\"},"
                        + "\"labels\":[{\"id\":\"%s-%d-%s\",\"confidence\":%s,\"name\":\"%s\","
                        + "\"frameImageUri\":\"s3://frames/%s.jpg\","
                        + "\"videoMapping\":{\"kinesisVideoMapping\":{\"fragmentNumber\":\"%s\","
                        + "\"serverTimestamp\":%d,\"producerTimestamp\":%d,"
                        + "\"frameOffsetMillis\":%d}},\"boundingBox\":{\"left\":0.1,"
                        + "\"top\":0.2,\"height\":0.5,\"width\":0.25}}],"
                        + "\"rekognitionApiVersion\":\"2020-11-01\"}",
                streamArn,
                fragment.fragmentNumber(),
                frameOffsetMillis,
                name,
                confidence,
                name,
                fragment.fragmentNumber(),
                fragment.fragmentNumber(),
                fragment.serverTimestampMillis(),
                fragment.producerTimestampMillis(),
                frameOffsetMillis);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
    }
}
