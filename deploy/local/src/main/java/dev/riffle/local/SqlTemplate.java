package dev.riffle.local;

import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code ${name}} placeholders of a SQL script with the local setup's values (emulator
 * endpoints, region, state folder) and the user's {@code --var name=value}, so one script runs
 * unchanged against any ports. A placeholder with no value fails with the line and the names that
 * are known.
 */
final class SqlTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    private SqlTemplate() {}

    static String render(String script, Map<String, String> variables, String scriptName) {
        StringBuilder rendered = new StringBuilder();
        String[] lines = script.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = PLACEHOLDER.matcher(lines[i]);
            StringBuilder line = new StringBuilder();
            while (m.find()) {
                String value = variables.get(m.group(1));
                if (value == null) {
                    throw new LauncherException(
                            "Unknown variable ${"
                                    + m.group(1)
                                    + "} in "
                                    + scriptName
                                    + " line "
                                    + (i + 1)
                                    + ". Pass it with --var "
                                    + m.group(1)
                                    + "=VALUE, or use one of: "
                                    + String.join(", ", new TreeSet<>(variables.keySet())));
                }
                m.appendReplacement(line, Matcher.quoteReplacement(value));
            }
            m.appendTail(line);
            rendered.append(line);
            if (i < lines.length - 1) {
                rendered.append('\n');
            }
        }
        return rendered.toString();
    }
}
