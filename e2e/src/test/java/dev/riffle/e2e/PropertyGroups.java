package dev.riffle.e2e;

import dev.riffle.common.config.ConfigSchema;
import dev.riffle.common.config.JobConfig;
import dev.riffle.common.config.JobConfigLoader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A job's configuration as a user writes it: a property-group file (the Managed Flink shape),
 * loaded through {@link JobConfigLoader} with {@code --config FILE}, as {@code main()} does.
 */
final class PropertyGroups {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Map<String, String>> groups = new LinkedHashMap<>();

    PropertyGroups group(String id, Map<String, String> properties) {
        groups.put(id, new LinkedHashMap<>(properties));
        return this;
    }

    Path write(Path file) throws IOException {
        ArrayNode root = JSON.createArrayNode();
        groups.forEach(
                (id, properties) -> {
                    ObjectNode group = root.addObject();
                    group.put("PropertyGroupId", id);
                    ObjectNode map = group.putObject("PropertyMap");
                    properties.forEach(map::put);
                });
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return file;
    }

    JobConfig load(ConfigSchema schema, Path file) throws IOException {
        return JobConfigLoader.builder(schema)
                .build()
                .load(new String[] {"--config", write(file).toString()});
    }
}
