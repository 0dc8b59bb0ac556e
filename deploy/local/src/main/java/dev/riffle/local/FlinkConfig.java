package dev.riffle.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster's Flink configuration: {@code flink-conf/config.yaml} rendered into {@code
 * <state>/conf/} with the state folder filled in and the {@code flink.*} overrides applied, plus
 * the log4j files.
 *
 * <p>The template is written with flat keys ({@code a.b.c: value}, one per line), which Flink 2.x's
 * YAML parser accepts; that lets the launcher replace a key's line without a YAML library and read
 * values back the same way.
 */
final class FlinkConfig {
    static final String HOME_TOKEN = "${riffle.home}";
    private static final Pattern FLAT_KEY = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*):(.*)$");

    private final Map<String, String> values;

    private FlinkConfig(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Writes {@code <state>/conf/} from the template and the overrides; returns the rendered
     * configuration.
     */
    static FlinkConfig render(Layout layout, Map<String, String> overrides) {
        Path template = layout.flinkConfTemplate().resolve("config.yaml");
        try {
            List<String> lines = new ArrayList<>();
            Map<String, String> remaining = new LinkedHashMap<>(overrides);
            for (String line : Files.readAllLines(template)) {
                String rendered = line.replace(HOME_TOKEN, layout.state().toString());
                Matcher m = FLAT_KEY.matcher(rendered);
                if (m.matches() && remaining.containsKey(m.group(1))) {
                    rendered = m.group(1) + ": " + remaining.remove(m.group(1));
                }
                lines.add(rendered);
            }
            if (!remaining.isEmpty()) {
                lines.add("");
                lines.add(
                        "# ---- Set by riffle up (launcher settings and <state>/riffle.properties)"
                                + " ----");
                remaining.forEach((k, v) -> lines.add(k + ": " + v));
            }
            Files.createDirectories(layout.conf());
            Files.write(layout.conf().resolve("config.yaml"), lines);
            for (String log4j : List.of("log4j.properties", "log4j-cli.properties")) {
                Files.copy(
                        layout.flinkConfTemplate().resolve(log4j),
                        layout.conf().resolve(log4j),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new LauncherException(
                    "Cannot write the cluster configuration to " + layout.conf() + ": " + e, e);
        }
        return read(layout);
    }

    /** The configuration {@code riffle up} rendered last. */
    static FlinkConfig read(Layout layout) {
        Path file = layout.conf().resolve("config.yaml");
        if (!Files.exists(file)) {
            throw new LauncherException(
                    "No cluster configuration in "
                            + layout.conf()
                            + ": run deploy/local/riffle up first.");
        }
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher m = FLAT_KEY.matcher(line);
                if (m.matches()) {
                    values.put(m.group(1), unquote(m.group(2).trim()));
                }
            }
        } catch (IOException e) {
            throw new LauncherException("Cannot read " + file + ": " + e, e);
        }
        return new FlinkConfig(values);
    }

    private static String unquote(String value) {
        int hash = value.indexOf(" #");
        String v = hash >= 0 ? value.substring(0, hash).trim() : value;
        if (v.length() >= 2
                && (v.startsWith("'") && v.endsWith("'")
                        || v.startsWith("\"") && v.endsWith("\""))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    int port(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new LauncherException(
                    "config.yaml has no " + key + ": restore flink-conf/config.yaml.");
        }
        try {
            // A range (6125-6126) names its first port.
            return Integer.parseInt(value.split("-")[0].trim());
        } catch (NumberFormatException e) {
            throw new LauncherException(
                    "Invalid value " + value + " for configuration " + key + ": not a port.");
        }
    }

    String restAddress() {
        return get("rest.address", "127.0.0.1");
    }

    int restPort() {
        return port("rest.port");
    }

    String restUrl() {
        return "http://" + restAddress() + ":" + restPort();
    }

    /** JVM options for a process role, as bin/config.sh assembles them (env.java.*-opts.*). */
    List<String> javaOptions(String role) {
        List<String> options = new ArrayList<>();
        for (String key :
                List.of(
                        "env.java.default-opts.all",
                        "env.java.opts.all",
                        "env.java.default-opts." + role,
                        "env.java.opts." + role)) {
            String value = values.get(key);
            if (value != null && !value.isBlank()) {
                options.addAll(List.of(value.trim().split("\\s+")));
            }
        }
        return options;
    }
}
