package dev.riffle.jobs.sqlrunner.script;

import org.apache.flink.annotation.PublicEvolving;

/**
 * A script that cannot be read, split or run. The message names the script and, when one statement
 * is at fault, its number, its line and its first line of text.
 */
@PublicEvolving
public class SqlScriptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SqlScriptException(String message) {
        super(message);
    }

    public SqlScriptException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "Statement 3 of sql/x.sql (line 12) failed: INSERT INTO ... \n<reason>". */
    public static SqlScriptException at(
            String script, SqlStatement statement, String reason, Throwable cause) {
        return new SqlScriptException(
                String.format(
                        "Statement %d of %s (line %d) failed: %s%n%s",
                        statement.number(), script, statement.line(), statement.summary(), reason),
                cause);
    }
}
