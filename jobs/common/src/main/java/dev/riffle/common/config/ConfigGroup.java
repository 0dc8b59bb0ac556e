package dev.riffle.common.config;

import dev.riffle.common.config.internal.Secrets;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * One validated property group, read as a Flink {@link ReadableConfig}: {@code
 * group.get(KinesisSourceOptions.STREAM_ARN)} parses like Flink does and falls back to the option's
 * default when the key is absent. A declared group that is absent from the configuration is empty
 * ({@link #isPresent()} is false) and yields defaults.
 *
 * <p>Immutable. {@link #toString()} masks secrets; {@link #toMap()}, {@link #toConfiguration()} and
 * {@link #toProperties()} hand out the raw values, secrets included, for passing to a connector:
 * never log what they return.
 */
@PublicEvolving
public final class ConfigGroup implements ReadableConfig {

    private final String id;
    private final GroupSpec spec;
    private final boolean present;
    private final Map<String, String> values;
    private final Configuration configuration;

    ConfigGroup(String id, GroupSpec spec, boolean present, Map<String, String> values) {
        this.id = id;
        this.spec = spec;
        this.present = present;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.configuration = Configuration.fromMap(this.values);
    }

    /** The property group id, for example {@code kinesis-source} or {@code InputStream0}. */
    public String id() {
        return id;
    }

    /** The declaration this group was checked against. */
    public GroupSpec spec() {
        return spec;
    }

    /** Whether the configuration contains this group (otherwise every option reads its default). */
    public boolean isPresent() {
        return present;
    }

    @Override
    public <T> T get(ConfigOption<T> option) {
        return configuration.get(option);
    }

    @Override
    public <T> Optional<T> getOptional(ConfigOption<T> option) {
        return configuration.getOptional(option);
    }

    /** The raw values as given, secrets included. Unmodifiable. */
    @Override
    public Map<String, String> toMap() {
        return values;
    }

    /** A new Flink {@link Configuration} holding the raw values, secrets included. */
    public Configuration toConfiguration() {
        return Configuration.fromMap(values);
    }

    /** New {@link Properties} holding the raw values, secrets included. */
    public Properties toProperties() {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }

    /** For example {@code kinesis-source{aws.region=us-east-1, aws.secretkey=******}}. */
    @Override
    public String toString() {
        return values.entrySet().stream()
                .map(
                        e ->
                                e.getKey()
                                        + "="
                                        + Secrets.maskIf(
                                                spec.isSecretKey(e.getKey()), e.getValue()))
                .collect(Collectors.joining(", ", id + "{", "}"));
    }
}
