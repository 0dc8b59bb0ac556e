package dev.riffle.jobs.sqlrunner.script;

import org.apache.flink.annotation.PublicEvolving;

import java.util.List;

/**
 * One statement of a script: its text without the terminating semicolon, where it starts, and its
 * position in the script. Comments before the statement are not part of it; comments inside are
 * kept as written.
 */
@PublicEvolving
public final class SqlStatement {

    private final int number;
    private final int line;
    private final String text;
    private final List<SqlStatement> body;

    SqlStatement(int number, int line, String text, List<SqlStatement> body) {
        this.number = number;
        this.line = line;
        this.text = text;
        this.body = List.copyOf(body);
    }

    /**
     * For {@code EXECUTE STATEMENT SET BEGIN ... END}, the statements between {@code BEGIN} and
     * {@code END} (numbered like this statement, with their own lines); otherwise empty.
     */
    public List<SqlStatement> statementSetBody() {
        return body;
    }

    /** Whether this is an {@code EXECUTE STATEMENT SET BEGIN ... END} block. */
    public boolean isStatementSetBlock() {
        return !body.isEmpty();
    }

    /** 1 for the first statement of the script. */
    public int number() {
        return number;
    }

    /** The line (1-based) of the statement's first character in the script. */
    public int line() {
        return line;
    }

    /** The statement as written, without its terminating semicolon. */
    public String text() {
        return text;
    }

    /** The first line of the statement, shortened to 80 characters: how messages quote it. */
    public String summary() {
        String first = text.strip().lines().findFirst().orElse("").strip();
        boolean more = first.length() > 80 || text.strip().lines().count() > 1;
        return (first.length() > 80 ? first.substring(0, 77) : first) + (more ? " ..." : "");
    }

    @Override
    public String toString() {
        return "statement " + number + " (line " + line + "): " + summary();
    }
}
