package dev.riffle.common.config.internal;

import dev.riffle.common.config.InvalidConfigurationException;

import org.apache.flink.annotation.Internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a local file or classpath resource in the shape of MSF application properties: a JSON array
 * of {@code {"PropertyGroupId": "...", "PropertyMap": {"key": "value"}}}.
 *
 * <p>Stricter than MSF's own reader on purpose: the same file is meant to become an MSF
 * application's properties, where values are strings and each group id appears once, so a local
 * file that MSF would reject (or read differently) is reported here already.
 */
@Internal
public final class PropertyGroupsJson {

    static final String GROUP_ID = "PropertyGroupId";
    static final String PROPERTY_MAP = "PropertyMap";
    private static final String SHAPE =
            "a JSON array of property groups, such as [{\"PropertyGroupId\": \"kinesis-source\","
                    + " \"PropertyMap\": {\"aws.region\": \"us-east-1\"}}]";

    private static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PropertyGroupsJson() {}

    /**
     * Parses {@code in}; {@code source} names it in messages ("file /x.json").
     *
     * @throws InvalidConfigurationException when the text is not JSON or not an array; problems
     *     inside the array are returned in the result instead
     */
    public static RawConfig parse(InputStream in, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidConfigurationException(
                    JsonErrors.malformed(
                            source,
                            e.getOriginalMessage(),
                            at == null ? -1 : at.getLineNr(),
                            at == null ? -1 : at.getColumnNr()));
        } catch (IOException e) {
            throw new InvalidConfigurationException(
                    String.format("Could not read %s: %s", source, e.getMessage()), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidConfigurationException(
                    String.format("Configuration in %s is empty; expected %s", source, SHAPE));
        }
        if (!root.isArray()) {
            throw new InvalidConfigurationException(
                    String.format(
                            "Configuration in %s must be %s; found %s",
                            source, SHAPE, describe(root.getNodeType())));
        }
        return readGroups(root);
    }

    private static RawConfig readGroups(JsonNode array) {
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        Map<String, Integer> occurrences = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        int position = 0;
        for (JsonNode group : array) {
            position++;
            if (!group.isObject()) {
                problems.add(
                        String.format(
                                "Property group #%d is %s; expected {\"%s\": \"...\", \"%s\":"
                                        + " {...}}",
                                position, describe(group.getNodeType()), GROUP_ID, PROPERTY_MAP));
                continue;
            }
            JsonNode id = group.get(GROUP_ID);
            if (id == null || !id.isTextual()) {
                problems.add(
                        String.format(
                                "Property group #%d has no %s (a JSON string)",
                                position, GROUP_ID));
                continue;
            }
            String groupId = id.asText();
            occurrences.merge(groupId, 1, Integer::sum);
            checkFields(group, groupId, problems);
            Map<String, String> values =
                    groups.computeIfAbsent(groupId, k -> new LinkedHashMap<>());
            readMap(group.get(PROPERTY_MAP), groupId, values, problems);
        }
        occurrences.forEach(
                (groupId, count) -> {
                    if (count > 1) {
                        problems.add(
                                String.format(
                                        "Property group '%s' is defined %d times; MSF accepts"
                                                + " each %s once: merge them into one group",
                                        groupId, count, GROUP_ID));
                    }
                });
        return new RawConfig(groups, problems);
    }

    private static void checkFields(JsonNode group, String groupId, List<String> problems) {
        Iterator<String> names = group.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!Set.of(GROUP_ID, PROPERTY_MAP).contains(name)) {
                problems.add(
                        String.format(
                                "Property group '%s' has an unexpected field '%s'; a property"
                                        + " group has exactly %s and %s",
                                groupId, name, GROUP_ID, PROPERTY_MAP));
            }
        }
    }

    private static void readMap(
            JsonNode map, String groupId, Map<String, String> values, List<String> problems) {
        if (map == null || !map.isObject()) {
            problems.add(
                    String.format(
                            "Property group '%s' has no %s (a JSON object of string values)",
                            groupId, PROPERTY_MAP));
            return;
        }
        map.fields()
                .forEachRemaining(
                        e -> {
                            JsonNode value = e.getValue();
                            if (!value.isTextual()) {
                                // The value itself is not quoted back: it may be a secret.
                                problems.add(
                                        String.format(
                                                "Invalid value for configuration '%s.%s': %s;"
                                                        + " property values are JSON strings,"
                                                        + " as in MSF (put the value in quotes)",
                                                groupId,
                                                e.getKey(),
                                                describe(value.getNodeType())));
                            }
                            if (!value.isNull()) {
                                values.put(
                                        e.getKey(),
                                        value.isValueNode() ? value.asText() : value.toString());
                            }
                        });
    }

    private static String describe(JsonNodeType type) {
        return type == JsonNodeType.NULL
                ? "JSON null"
                : "a JSON " + type.name().toLowerCase(Locale.ROOT);
    }
}
