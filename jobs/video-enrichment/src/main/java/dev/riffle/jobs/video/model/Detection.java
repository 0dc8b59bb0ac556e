package dev.riffle.jobs.video.model;

import javax.annotation.Nullable;

import java.util.Objects;

/**
 * One thing Rekognition saw in one frame, normalized from either record shape: a face from a
 * face-search stream processor ({@code FaceSearchResponse[].DetectedFace}, with its best {@code
 * MatchedFaces} entry) or a label from a label-detection event ({@code labels[]}). Times are epoch
 * milliseconds; {@link #frameTimeMillis} is the producer timestamp of the fragment plus the frame
 * offset, the frame's absolute time and the detection's event time.
 */
public class Detection {
    /** What was detected. */
    public enum Kind {
        FACE,
        LABEL
    }

    /** Stable id (same record, same id), for consumers that deduplicate. */
    public String detectionId;

    public Kind kind;
    public String streamArn;
    public String fragmentNumber;
    @Nullable public Long serverTimestampMillis;
    public long producerTimestampMillis;
    public long frameOffsetMillis;
    public long frameTimeMillis;

    /** {@code FACE} for faces, the label name (e.g. {@code PERSON}) for labels. */
    public String label;

    /** Detection confidence, 0 to 100. */
    public double confidence;

    /** Faces only: the best match in the collection; null when the face matched nobody. */
    @Nullable public String matchedFaceId;

    @Nullable public String matchedExternalImageId;
    @Nullable public Double similarity;

    /** Bounding box as ratios of the frame (left, top, width, height); 0 when not given. */
    public double boxLeft;

    public double boxTop;
    public double boxWidth;
    public double boxHeight;

    /** Where the record came from: Kinesis stream, shard and sequence number. */
    @Nullable public String sourceStream;

    @Nullable public String sourceShard;
    @Nullable public String sourceSequenceNumber;

    public Detection() {}

    /** The key of the fragment this detection belongs to: stream ARN and fragment number. */
    public String fragmentKey() {
        return fragmentKey(streamArn, fragmentNumber);
    }

    /**
     * The join key of a fragment: its video stream's name and its fragment number. The name, not
     * the ARN: Rekognition reports ARNs, while a KVS source may be configured by {@code
     * stream.name} (how a deployment names a stream whose ARN, ending in its creation time, it
     * cannot know beforehand); a stream's name is unique in its account and region.
     */
    public static String fragmentKey(String stream, String fragmentNumber) {
        return streamName(stream) + "|" + fragmentNumber;
    }

    /** {@code door} of {@code arn:aws:kinesisvideo:REGION:ACCOUNT:stream/door/1700000000000}. */
    public static String streamName(String stream) {
        int at = stream.startsWith("arn:") ? stream.indexOf(":stream/") : -1;
        if (at < 0) {
            return stream;
        }
        String rest = stream.substring(at + ":stream/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    public boolean isUnmatchedFace() {
        return kind == Kind.FACE && matchedFaceId == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Detection && Objects.equals(detectionId, ((Detection) o).detectionId);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(detectionId);
    }

    @Override
    public String toString() {
        return "Detection{"
                + kind
                + " "
                + label
                + " "
                + confidence
                + " at "
                + frameTimeMillis
                + " in "
                + fragmentKey()
                + (matchedFaceId != null ? " matched " + matchedFaceId : "")
                + '}';
    }
}
