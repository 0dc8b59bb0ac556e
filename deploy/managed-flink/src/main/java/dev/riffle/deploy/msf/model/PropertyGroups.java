package dev.riffle.deploy.msf.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An application's runtime properties in MSF's shape, {@code [{"PropertyGroupId": ...,
 * "PropertyMap": {...}}]}, in file order. The same file is what a job reads with {@code --config}
 * on a local cluster, so its shape is checked as strictly as the job's loader checks it: string
 * values, each group once.
 */
public final class PropertyGroups {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Map<String, Map<String, String>> groups;

    private PropertyGroups(Map<String, Map<String, String>> groups) {
        this.groups = Collections.unmodifiableMap(groups);
    }

    /** Reads {@code file}, adding what is wrong with it to {@code problems}. */
    public static PropertyGroups read(Path file, List<String> problems) {
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            problems.add(String.format("%s: cannot be read: %s", file, e.getMessage()));
            return new PropertyGroups(groups);
        }
        if (root == null || !root.isArray()) {
            problems.add(file + ": expected a JSON array of property groups");
            return new PropertyGroups(groups);
        }
        for (JsonNode group : root) {
            JsonNode id = group.get("PropertyGroupId");
            JsonNode map = group.get("PropertyMap");
            if (id == null
                    || !id.isTextual()
                    || map == null
                    || !map.isObject()
                    || group.size() != 2) {
                problems.add(
                        file
                                + ": every group must be exactly {\"PropertyGroupId\": \"...\","
                                + " \"PropertyMap\": {...}}; found "
                                + group);
                continue;
            }
            if (groups.containsKey(id.asText())) {
                problems.add(file + ": property group '" + id.asText() + "' appears twice");
            }
            Map<String, String> values = new LinkedHashMap<>();
            map.fields()
                    .forEachRemaining(
                            e -> {
                                if (!e.getValue().isTextual()) {
                                    problems.add(
                                            String.format(
                                                    "%s: %s.%s must be a JSON string, as MSF"
                                                            + " stores it",
                                                    file, id.asText(), e.getKey()));
                                }
                                values.put(e.getKey(), e.getValue().asText());
                            });
            groups.put(id.asText(), Collections.unmodifiableMap(values));
        }
        return new PropertyGroups(groups);
    }

    /** Group id to its properties, in file order. */
    public Map<String, Map<String, String>> groups() {
        return groups;
    }

    /** The value of {@code group.key} (split at the first dot). */
    public Optional<String> value(String qualifiedKey) {
        int dot = qualifiedKey.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        Map<String, String> group = groups.get(qualifiedKey.substring(0, dot));
        return group == null
                ? Optional.empty()
                : Optional.ofNullable(group.get(qualifiedKey.substring(dot + 1)));
    }

    /** The same groups with every placeholder replaced by its sample value. */
    public Map<String, Map<String, String>> sampled() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        groups.forEach(
                (id, values) -> {
                    Map<String, String> copy = new LinkedHashMap<>();
                    values.forEach((k, v) -> copy.put(k, Placeholders.sample(v)));
                    out.put(id, copy);
                });
        return out;
    }

    /** MSF's JSON shape of {@link #sampled()}: what MSF would write for the application. */
    public String sampledJson() {
        List<Map<String, Object>> array = new java.util.ArrayList<>();
        sampled()
                .forEach(
                        (id, values) -> {
                            Map<String, Object> group = new LinkedHashMap<>();
                            group.put("PropertyGroupId", id);
                            group.put("PropertyMap", values);
                            array.add(group);
                        });
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
