package dev.riffle.jobs.anomaly.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A script of sql/ as a test runs it: placeholders filled, comments dropped, split into statements,
 * and the connector options of named tables swapped for local ones. Everything else (schemas,
 * views, the rule, the INSERT) is the script's own text.
 */
final class SqlScript {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    private final List<String> statements;

    private SqlScript(List<String> statements) {
        this.statements = statements;
    }

    static Path repoRoot() {
        String root = System.getProperty("riffle.repo.root");
        Path p = root == null ? Path.of("").toAbsolutePath() : Path.of(root);
        while (p != null && !Files.isDirectory(p.resolve("sql"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("Cannot find the repository's sql/ folder");
        }
        return p;
    }

    static SqlScript load(String relative, Map<String, String> variables) throws IOException {
        String text = Files.readString(repoRoot().resolve(relative));
        StringBuilder kept = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("--")) {
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(line);
            StringBuilder filled = new StringBuilder();
            while (m.find()) {
                String value = variables.get(m.group(1));
                if (value == null) {
                    throw new IllegalArgumentException(
                            relative + " uses ${" + m.group(1) + "} which the test does not set");
                }
                m.appendReplacement(filled, Matcher.quoteReplacement(value));
            }
            m.appendTail(filled);
            kept.append(filled).append('\n');
        }
        List<String> statements = new ArrayList<>();
        for (String s : kept.toString().split(";\\s*\n")) {
            if (!s.isBlank()) {
                statements.add(s.trim().replaceAll(";$", ""));
            }
        }
        return new SqlScript(statements);
    }

    /** Replaces the WITH (...) options of {@code CREATE TABLE name}. */
    SqlScript withOptions(String table, String options) {
        List<String> out = new ArrayList<>();
        boolean found = false;
        for (String s : statements) {
            if (s.startsWith("CREATE TABLE " + table + " (")) {
                int with = s.lastIndexOf(") WITH (");
                if (with < 0) {
                    throw new IllegalStateException(
                            "CREATE TABLE " + table + " has no WITH clause");
                }
                s = s.substring(0, with) + ") WITH (" + options + ")";
                found = true;
            }
            out.add(s);
        }
        if (!found) {
            throw new IllegalStateException("The script has no CREATE TABLE " + table);
        }
        return new SqlScript(out);
    }

    List<String> statements() {
        return statements;
    }
}
