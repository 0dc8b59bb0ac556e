package dev.riffle.common.config.internal;

import dev.riffle.common.config.InvalidConfigurationException;

import org.apache.flink.annotation.Internal;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonLocation;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonProcessingException;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Reads the runtime properties of a Managed Service for Apache Flink application through MSF's own
 * runtime library, from the file MSF writes for it ({@code /etc/flink/application_properties.json}
 * in production, any file in tests).
 *
 * <p>The library parses with Flink's shaded Jackson and returns its groups unordered; they are
 * sorted here so that messages and logs come out the same on every run.
 */
@Internal
public final class MsfApplicationProperties {

    private MsfApplicationProperties() {}

    /** Reads {@code file}; {@code source} names it in messages. */
    public static RawConfig read(Path file, String source) {
        // The library answers a file it cannot open with no groups at all, which would surface as
        // "missing group" errors that send the user looking in the wrong place.
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidConfigurationException(
                    String.format("Could not read %s: not a readable file", source));
        }
        Map<String, Properties> groups;
        try {
            groups = KinesisAnalyticsRuntime.getApplicationProperties(file.toString());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidConfigurationException(
                    JsonErrors.malformed(
                            source,
                            e.getOriginalMessage(),
                            at == null ? -1 : at.getLineNr(),
                            at == null ? -1 : at.getColumnNr()));
        } catch (IOException | RuntimeException e) {
            throw new InvalidConfigurationException(
                    String.format("Could not read %s: %s", source, e.getMessage()), e);
        }
        Map<String, Map<String, String>> sorted = new TreeMap<>();
        groups.forEach(
                (id, properties) -> {
                    Map<String, String> values = new TreeMap<>();
                    properties
                            .stringPropertyNames()
                            .forEach(key -> values.put(key, properties.getProperty(key)));
                    sorted.put(id, values);
                });
        return new RawConfig(sorted, List.of());
    }
}
