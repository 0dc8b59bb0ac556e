package dev.riffle.jobs.video.model;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * A detection with everything a user needs: the camera's attributes, the frame's absolute time, the
 * fragment's metadata and how to replay the clip (stream, fragment number, start and end producer
 * timestamps, e.g. for {@code GetMediaForFragmentList} or an HLS session). Flags say what deserves
 * attention.
 */
public class EnrichedDetection {
    /** Flag: a face above the unknown-face confidence threshold that matched no known face. */
    public static final String UNKNOWN_FACE = "UNKNOWN_FACE";

    /** Flag: the stream is not in the camera registry. */
    public static final String UNREGISTERED_CAMERA = "UNREGISTERED_CAMERA";

    /** Flag: the fragment's metadata never arrived within the allowed lateness. */
    public static final String FRAGMENT_NOT_SEEN = "FRAGMENT_NOT_SEEN";

    public Detection detection;

    @Nullable public Camera camera;
    @Nullable public FragmentInfo fragment;

    /** The frame's absolute time: fragment producer timestamp plus frame offset, epoch millis. */
    public long frameTimeMillis;

    /** The frame time as an ISO-8601 local time in the camera's time zone, if known. */
    @Nullable public String frameLocalTime;

    public String replayStreamArn;
    public String replayFragmentNumber;
    public long replayStartMillis;
    public long replayEndMillis;

    /** See {@link #UNKNOWN_FACE}. */
    public boolean unknownFace;

    /** See {@link #UNREGISTERED_CAMERA}. */
    public boolean unregisteredCamera;

    /** See {@link #FRAGMENT_NOT_SEEN}. */
    public boolean fragmentNotSeen;

    public EnrichedDetection() {}

    /** The flags that are set, by name. */
    public List<String> flags() {
        List<String> flags = new ArrayList<>();
        if (unknownFace) {
            flags.add(UNKNOWN_FACE);
        }
        if (unregisteredCamera) {
            flags.add(UNREGISTERED_CAMERA);
        }
        if (fragmentNotSeen) {
            flags.add(FRAGMENT_NOT_SEEN);
        }
        return flags;
    }

    /** The registry's camera id, or {@code unregistered:<stream ARN>}. */
    public String cameraKey() {
        return camera != null ? camera.cameraId : "unregistered:" + detection.streamArn;
    }

    @Override
    public String toString() {
        return "EnrichedDetection{"
                + detection
                + ", camera="
                + (camera == null ? null : camera.cameraId)
                + ", frameTime="
                + frameTimeMillis
                + ", flags="
                + flags()
                + '}';
    }
}
