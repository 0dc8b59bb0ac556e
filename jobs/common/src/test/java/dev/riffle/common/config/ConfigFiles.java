package dev.riffle.common.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Loads JSON text as a job would with {@code --config <file>}, with no MSF file around. */
final class ConfigFiles {

    private final Path dir;
    private final ConfigSchema schema;

    ConfigFiles(Path dir, ConfigSchema schema) {
        this.dir = dir;
        this.schema = schema;
    }

    /** The file the JSON is written to. */
    Path file() {
        return dir.resolve("job.json");
    }

    JobConfig load(String json) {
        try {
            Files.writeString(file(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return JobConfigLoader.builder(schema)
                .msfPropertiesFile(dir.resolve("absent-msf.json"))
                .build()
                .load(new String[] {"--config", file().toString()});
    }

    InvalidConfigurationException failure(String json) {
        return catchThrowableOfType(InvalidConfigurationException.class, () -> load(json));
    }

    /** The message of a configuration with these problems, as the file source reports it. */
    String message(String... problems) {
        StringBuilder message =
                new StringBuilder(
                        String.format(
                                "Configuration from file %s has %d problem%s:",
                                file(), problems.length, problems.length == 1 ? "" : "s"));
        for (String problem : problems) {
            message.append(System.lineSeparator()).append("- ").append(problem);
        }
        return message.toString();
    }

    /** One property group as JSON; {@code keyValues} alternate key, value. */
    static String group(String id, String... keyValues) {
        StringBuilder json = new StringBuilder();
        json.append("{\"PropertyGroupId\": \"").append(id).append("\", \"PropertyMap\": {");
        for (int i = 0; i < keyValues.length; i += 2) {
            json.append(i == 0 ? "" : ", ")
                    .append('"')
                    .append(keyValues[i])
                    .append("\": \"")
                    .append(keyValues[i + 1])
                    .append('"');
        }
        return json.append("}}").toString();
    }

    static String groups(String... groups) {
        return "[\n  " + String.join(",\n  ", groups) + "\n]\n";
    }

    /** A valid kinesis-source group with extra key/value pairs. */
    static String source(String... extra) {
        String[] keyValues = new String[4 + extra.length];
        keyValues[0] = "stream.arn";
        keyValues[1] = "arn:aws:kinesis:us-east-1:000000000000:stream/events";
        keyValues[2] = "aws.region";
        keyValues[3] = "us-east-1";
        System.arraycopy(extra, 0, keyValues, 4, extra.length);
        return group("kinesis-source", keyValues);
    }

    static String output() {
        return group("output", "format", "json");
    }
}
