package dev.riffle.jobs.sqlrunner.script;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.Preconditions;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${name}} in a statement with the value of variable {@code name}, so that one
 * script runs unchanged against kinesis-mock and against AWS: {@code 'stream.arn' =
 * '${events.stream.arn}'}. Names are letters, digits, {@code . _ -}. {@code $${} stands for a
 * literal {@code ${}. Comments are left alone (a variable mentioned in a comment needs no value);
 * string literals and code are substituted.
 *
 * <p>Values are inserted as they are: a value that must be a string literal belongs between quotes
 * in the script. Every unknown name of a statement is reported at once, with the names that are
 * defined.
 */
@PublicEvolving
public final class ScriptVariables {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final Map<String, String> values;
    private final String definedIn;

    private ScriptVariables(Map<String, String> values, String definedIn) {
        this.values = new TreeMap<>(values);
        this.definedIn = definedIn;
    }

    /**
     * Variables with the given values (names as they appear between the braces); {@code definedIn}
     * tells a user where to define a missing one, e.g. "the property group 'sql-variables'".
     */
    public static ScriptVariables of(Map<String, String> values, String definedIn) {
        Preconditions.checkNotNull(values, "values");
        Preconditions.checkNotNull(definedIn, "definedIn");
        values.keySet()
                .forEach(
                        name ->
                                Preconditions.checkArgument(
                                        NAME.matcher(name).matches(),
                                        "Invalid variable name '%s': use letters, digits, '.', '_'"
                                                + " and '-'",
                                        name));
        return new ScriptVariables(values, definedIn);
    }

    /** The defined names, sorted. */
    public Set<String> names() {
        return values.keySet();
    }

    /**
     * The statement's text with every {@code ${name}} replaced.
     *
     * @throws SqlScriptException naming the statement, its line, and every undefined or malformed
     *     reference
     */
    public String substitute(String script, SqlStatement statement) {
        String text = statement.text();
        StringBuilder out = new StringBuilder(text.length());
        Set<String> unknown = new LinkedHashSet<>();
        int i = 0;
        char quote = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quote == 0 && c == '-' && text.startsWith("--", i)) {
                int end = text.indexOf('\n', i);
                end = end < 0 ? text.length() : end;
                out.append(text, i, end);
                i = end;
            } else if (quote == 0 && c == '/' && text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                out.append(text, i, end);
                i = end;
            } else if (c == '$' && text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                String name = close < 0 ? null : text.substring(i + 2, close);
                if (name == null || !NAME.matcher(name).matches()) {
                    throw SqlScriptException.at(
                            script,
                            statement,
                            String.format(
                                    "Malformed variable reference at '%s': write ${name} with a"
                                            + " name of letters, digits, '.', '_' and '-' (or $${"
                                            + " for a literal ${)",
                                    text.substring(i, Math.min(text.length(), i + 40))),
                            null);
                }
                if (values.containsKey(name)) {
                    out.append(values.get(name));
                } else {
                    unknown.add(name);
                }
                i = close + 1;
            } else {
                if (quote == 0 && (c == '\'' || c == '"' || c == '`')) {
                    quote = c;
                } else if (quote != 0 && c == quote) {
                    // A doubled quote re-opens at once; toggling twice gives the same result.
                    quote = 0;
                }
                out.append(c);
                i++;
            }
        }
        if (!unknown.isEmpty()) {
            throw SqlScriptException.at(
                    script,
                    statement,
                    String.format(
                            "Undefined variable%s %s. Defined variables: %s. Define them in %s",
                            unknown.size() > 1 ? "s" : "",
                            String.join(", ", unknown.stream().map(n -> "${" + n + "}").toList()),
                            values.isEmpty() ? "(none)" : String.join(", ", values.keySet()),
                            definedIn),
                    null);
        }
        return out.toString();
    }
}
