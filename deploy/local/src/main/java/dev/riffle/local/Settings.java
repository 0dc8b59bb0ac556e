package dev.riffle.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The launcher's settings: {@code deploy/local/riffle.properties}, overridden key by key by {@code
 * <state>/riffle.properties}. Keys starting with {@code flink.} override keys of {@code
 * flink-conf/config.yaml}.
 */
final class Settings {
    static final String STREAMS = "streams";
    static final String KINESIS_PORT = "kinesis.port";
    static final String KINESIS_TLS_PORT = "kinesis.tls.port";
    static final String S3_PORT = "s3.port";
    static final String S3_BUCKET = "s3.bucket";
    static final String AWS_REGION = "aws.region";
    static final String STARTUP_TIMEOUT = "startup.timeout";
    static final String KINESIS_PERSIST_INTERVAL = "kinesis.persist.interval";
    static final String FLINK_PREFIX = "flink.";

    /** A stream `riffle up` creates. */
    record StreamSpec(String name, int shards) {}

    private final Map<String, String> values;
    private final Path overrideFile;

    Settings(Map<String, String> values, Path overrideFile) {
        this.values = Map.copyOf(values);
        this.overrideFile = overrideFile;
    }

    static Settings load(Layout layout) {
        Map<String, String> values = new LinkedHashMap<>();
        read(layout.defaultSettings(), values, true);
        read(layout.settingsOverrides(), values, false);
        return new Settings(values, layout.settingsOverrides());
    }

    private static void read(Path file, Map<String, String> into, boolean required) {
        if (!Files.exists(file)) {
            if (required) {
                throw new LauncherException("Missing launcher settings file " + file);
            }
            return;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new LauncherException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        properties
                .stringPropertyNames()
                .forEach(k -> into.put(k, properties.getProperty(k).trim()));
    }

    String get(String key) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw new LauncherException(
                    "Missing value for configuration " + key + ": set it in " + overrideFile);
        }
        return value;
    }

    int port(String key) {
        String value = get(key);
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new LauncherException(
                "Invalid value "
                        + value
                        + " for configuration "
                        + key
                        + ": not a port. Accepted: 1 to 65535.");
    }

    Duration startupTimeout() {
        String value = get(STARTUP_TIMEOUT);
        try {
            return Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new LauncherException(
                    "Invalid value "
                            + value
                            + " for configuration "
                            + STARTUP_TIMEOUT
                            + ": not a number. Accepted: seconds, e.g. 90.");
        }
    }

    /**
     * How often kinesis-mock writes its streams to disk. Each write serializes every record of
     * every stream into one JSON file on its only thread and stalls every request meanwhile (3 to 6
     * s once the streams hold 14 MB, a 5-minute demo), so once a second (its tests' setting)
     * starves the jobs.
     */
    Duration kinesisPersistInterval() {
        String value = get(KINESIS_PERSIST_INTERVAL);
        try {
            long seconds = Long.parseLong(value);
            if (seconds >= 1) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LauncherException(
                "Invalid value "
                        + value
                        + " for configuration "
                        + KINESIS_PERSIST_INTERVAL
                        + ": not a number of seconds. Accepted: whole seconds from 1, e.g. 60.");
    }

    List<StreamSpec> streams() {
        List<StreamSpec> streams = new ArrayList<>();
        String value = values.getOrDefault(STREAMS, "");
        for (String item : value.split(",")) {
            String spec = item.trim();
            if (spec.isEmpty()) {
                continue;
            }
            String[] parts = spec.split(":");
            try {
                int shards = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : 1;
                if (parts.length > 2 || shards < 1 || parts[0].isBlank()) {
                    throw new NumberFormatException();
                }
                streams.add(new StreamSpec(parts[0].trim(), shards));
            } catch (NumberFormatException e) {
                throw new LauncherException(
                        "Invalid value "
                                + spec
                                + " for configuration "
                                + STREAMS
                                + ": expected name:shards with shards >= 1. Accepted: e.g."
                                + " raw-events:2, events:1");
            }
        }
        return streams;
    }

    /** The {@code flink.*} keys without their prefix: overrides of config.yaml. */
    Map<String, String> flinkOverrides() {
        Map<String, String> overrides = new TreeMap<>();
        values.forEach(
                (k, v) -> {
                    if (k.startsWith(FLINK_PREFIX)) {
                        overrides.put(k.substring(FLINK_PREFIX.length()), v);
                    }
                });
        return overrides;
    }

    Path overrideFile() {
        return overrideFile;
    }
}
