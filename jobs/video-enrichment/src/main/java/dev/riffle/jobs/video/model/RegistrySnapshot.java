package dev.riffle.jobs.video.model;

import javax.annotation.Nullable;

import java.util.HashMap;
import java.util.Map;

/**
 * The camera registry as read at one moment: the cameras by stream ARN and a version (a hash of the
 * content). A snapshot whose {@link #error} is set could not be read or was invalid; the job keeps
 * the previous registry and counts it.
 */
public class RegistrySnapshot {
    public String version;
    public Map<String, Camera> cameras = new HashMap<>();
    @Nullable public String error;
    public long readAtMillis;

    public RegistrySnapshot() {}

    public static RegistrySnapshot of(String version, Map<String, Camera> cameras, long readAt) {
        RegistrySnapshot s = new RegistrySnapshot();
        s.version = version;
        s.cameras = new HashMap<>(cameras);
        s.readAtMillis = readAt;
        return s;
    }

    public static RegistrySnapshot failed(String error, long readAt) {
        RegistrySnapshot s = new RegistrySnapshot();
        s.version = "error";
        s.error = error;
        s.readAtMillis = readAt;
        return s;
    }

    public boolean isValid() {
        return error == null;
    }

    @Override
    public String toString() {
        return error != null
                ? "RegistrySnapshot{error=" + error + '}'
                : "RegistrySnapshot{" + version + ", " + cameras.size() + " cameras}";
    }
}
