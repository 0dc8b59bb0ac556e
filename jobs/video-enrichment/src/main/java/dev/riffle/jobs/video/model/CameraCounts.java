package dev.riffle.jobs.video.model;

import javax.annotation.Nullable;

/**
 * Detections of one camera in one event-time window, for dashboards. A window can fire again when
 * late detections arrive within the allowed lateness: the newest value for a camera and window
 * start replaces the earlier ones.
 */
public class CameraCounts {
    public String cameraKey;
    @Nullable public String site;
    public String streamArn;
    public long windowStartMillis;
    public long windowEndMillis;
    public long detections;
    public long faces;
    public long unknownFaces;
    public long labels;

    public CameraCounts() {}

    @Override
    public String toString() {
        return "CameraCounts{"
                + cameraKey
                + " ["
                + windowStartMillis
                + ", "
                + windowEndMillis
                + ") detections="
                + detections
                + " unknownFaces="
                + unknownFaces
                + '}';
    }
}
