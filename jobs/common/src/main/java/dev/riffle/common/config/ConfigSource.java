package dev.riffle.common.config;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/** Where a job's configuration came from: which of the three modes, and which file or resource. */
@PublicEvolving
public final class ConfigSource {

    /** The three ways a job receives its configuration. */
    @PublicEvolving
    public enum Mode {
        /** Runtime properties of a Managed Service for Apache Flink application. */
        MSF,
        /** A JSON file named with {@code --config /path/to/file.json}. */
        FILE,
        /** A classpath resource: {@code --config classpath:name.json} or the job's default. */
        CLASSPATH
    }

    private final Mode mode;
    private final String location;
    private final String description;

    private ConfigSource(Mode mode, String location, String description) {
        this.mode = mode;
        this.location = location;
        this.description = description;
    }

    static ConfigSource msf(String file) {
        return new ConfigSource(Mode.MSF, file, "MSF application properties " + file);
    }

    static ConfigSource file(String path) {
        return new ConfigSource(Mode.FILE, path, "file " + path);
    }

    static ConfigSource classpath(String resource, boolean jobDefault) {
        return new ConfigSource(
                Mode.CLASSPATH,
                resource,
                "classpath resource " + resource + (jobDefault ? " (the job's default)" : ""));
    }

    public Mode mode() {
        return mode;
    }

    /** The file path or classpath resource name. */
    public String location() {
        return location;
    }

    /** For example "file /etc/riffle/ingestion.json". */
    @Override
    public String toString() {
        return description;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigSource
                && mode == ((ConfigSource) o).mode
                && location.equals(((ConfigSource) o).location)
                && description.equals(((ConfigSource) o).description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, location, description);
    }
}
