package dev.riffle.common.config;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.Preconditions;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A job's configuration after it was found, read and checked against the job's {@link
 * ConfigSchema}: its property groups, typed through {@link ConfigGroup}, and where it came from.
 *
 * <pre>{@code
 * JobConfig config = JobConfigLoader.builder(SCHEMA).defaultResource("ingestion.json").build().load(args);
 * String streamArn = config.group("kinesis-source").get(KinesisSourceOptions.STREAM_ARN);
 * for (ConfigGroup input : config.repeatedGroups("InputStream")) { ... }
 * }</pre>
 *
 * <p>Immutable. {@link #toString()} names the source and lists every value with secrets masked,
 * which makes it the line to log at start-up.
 */
@PublicEvolving
public final class JobConfig {

    private final ConfigSchema schema;
    private final ConfigSource source;
    private final Map<String, ConfigGroup> groups;

    JobConfig(ConfigSchema schema, ConfigSource source, Map<String, Map<String, String>> raw) {
        this.schema = schema;
        this.source = source;
        Map<String, ConfigGroup> present = new LinkedHashMap<>();
        raw.forEach(
                (id, values) ->
                        present.put(id, new ConfigGroup(id, spec(schema, id), true, values)));
        this.groups = present;
    }

    public ConfigSchema schema() {
        return schema;
    }

    /** Which mode and which file or resource the configuration came from. */
    public ConfigSource source() {
        return source;
    }

    /**
     * The group {@code groupId}. A declared group that the configuration does not contain comes
     * back empty, so its options read their defaults.
     *
     * @throws IllegalArgumentException if the schema does not declare {@code groupId}
     */
    public ConfigGroup group(String groupId) {
        ConfigGroup group = groups.get(groupId);
        return group != null
                ? group
                : new ConfigGroup(groupId, spec(schema, groupId), false, Map.of());
    }

    /** Whether the configuration contains the group {@code groupId}. */
    public boolean hasGroup(String groupId) {
        return groups.containsKey(groupId);
    }

    /**
     * The present instances of the repeated group declared as {@code id}, by index ({@code
     * InputStream0}, {@code InputStream1}, ...).
     */
    public List<ConfigGroup> repeatedGroups(String id) {
        GroupSpec spec =
                schema.groups().stream()
                        .filter(g -> g.isRepeated() && g.id().equals(id))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                String.format(
                                                        "Job '%s' declares no repeated group '%s'",
                                                        schema.jobName(), id)));
        return groups.values().stream()
                .filter(g -> spec.matches(g.id()))
                .sorted(Comparator.comparingInt(g -> spec.indexOf(g.id())))
                .collect(Collectors.toList());
    }

    /** The ids of the groups the configuration contains, in the source's order. */
    public Set<String> groupIds() {
        return Collections.unmodifiableSet(groups.keySet());
    }

    /** For example {@code ingestion configuration from file /x.json: kinesis-source{...}}. */
    @Override
    public String toString() {
        return groups.values().stream()
                .map(ConfigGroup::toString)
                .collect(
                        Collectors.joining(
                                ", ",
                                String.format(
                                        "%s configuration from %s: ", schema.jobName(), source),
                                ""));
    }

    private static GroupSpec spec(ConfigSchema schema, String groupId) {
        Preconditions.checkArgument(
                schema.groupFor(groupId).isPresent(),
                "Job '%s' declares no property group '%s'",
                schema.jobName(),
                groupId);
        return schema.groupFor(groupId).get();
    }
}
