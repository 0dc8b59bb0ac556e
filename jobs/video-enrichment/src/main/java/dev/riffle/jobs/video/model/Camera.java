package dev.riffle.jobs.video.model;

import java.util.Objects;

/** A camera of the registry: which KVS stream it writes and what the organisation knows of it. */
public class Camera {
    public String streamArn;
    public String cameraId;
    public String site;
    public String location;

    /** IANA time zone id, e.g. Europe/Paris. */
    public String timezone;

    public String owner;

    /** How long its video and detections are kept, in days. */
    public int retentionDays;

    public Camera() {}

    public Camera(
            String streamArn,
            String cameraId,
            String site,
            String location,
            String timezone,
            String owner,
            int retentionDays) {
        this.streamArn = streamArn;
        this.cameraId = cameraId;
        this.site = site;
        this.location = location;
        this.timezone = timezone;
        this.owner = owner;
        this.retentionDays = retentionDays;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Camera)) {
            return false;
        }
        Camera c = (Camera) o;
        return retentionDays == c.retentionDays
                && Objects.equals(streamArn, c.streamArn)
                && Objects.equals(cameraId, c.cameraId)
                && Objects.equals(site, c.site)
                && Objects.equals(location, c.location)
                && Objects.equals(timezone, c.timezone)
                && Objects.equals(owner, c.owner);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamArn, cameraId);
    }

    @Override
    public String toString() {
        return "Camera{" + cameraId + " " + site + "/" + location + " " + streamArn + '}';
    }
}
