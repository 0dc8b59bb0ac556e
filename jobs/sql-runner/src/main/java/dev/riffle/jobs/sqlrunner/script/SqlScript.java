package dev.riffle.jobs.sqlrunner.script;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.Preconditions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A Flink SQL script split into statements, the way the SQL client splits it: on semicolons that
 * are code, not inside a string literal ({@code 'it''s; fine'}), a quoted identifier ({@code
 * `a;b`}, {@code "a;b"}), a line comment ({@code -- ;}) or a block comment ({@code /* ; *}{@code
 * /}), and not inside an {@code EXECUTE STATEMENT SET BEGIN ... END;} block, which is one
 * statement. The last statement may omit its semicolon. Every statement keeps the line it starts
 * on, so errors can point at it.
 *
 * <pre>{@code
 * SqlScript script = SqlScript.parse("sql/alerts.sql", text);
 * for (SqlStatement s : script.statements()) { ... s.line() ... s.text() ... }
 * }</pre>
 */
@PublicEvolving
public final class SqlScript {

    private static final List<String> BLOCK_START =
            Arrays.asList("EXECUTE", "STATEMENT", "SET", "BEGIN");

    private final String name;
    private final List<SqlStatement> statements;

    private SqlScript(String name, List<SqlStatement> statements) {
        this.name = name;
        this.statements = List.copyOf(statements);
    }

    /**
     * Splits {@code text}; {@code name} (a resource or path) names the script in messages.
     *
     * @throws SqlScriptException for a string, identifier, comment or statement set block that is
     *     never closed, naming the line it starts on
     */
    public static SqlScript parse(String name, String text) {
        Preconditions.checkNotNull(name, "name");
        Preconditions.checkNotNull(text, "text");
        return new SqlScript(name, new Splitter(name, text, 0, text.length(), null).split());
    }

    /** Where the script came from, as given. */
    public String name() {
        return name;
    }

    /**
     * The statements in order; empty statements (only comments, or a lone {@code ;}) are left out.
     */
    public List<SqlStatement> statements() {
        return statements;
    }

    /** Scans [from, to) of the text once, left to right. */
    private static final class Splitter {
        private final String script;
        private final String text;
        private final int to;
        private final int[] lineStarts;
        private final Integer fixedNumber;
        private int pos;

        Splitter(String script, String text, int from, int to, Integer fixedNumber) {
            this.script = script;
            this.text = text;
            this.pos = from;
            this.to = to;
            this.fixedNumber = fixedNumber;
            this.lineStarts = lineStarts(text);
        }

        List<SqlStatement> split() {
            List<SqlStatement> out = new ArrayList<>();
            int start = -1;
            List<String> leadingWords = new ArrayList<>();
            boolean inBlock = false;
            boolean atInnerStart = false;
            int bodyStart = -1;
            int bodyEnd = -1;
            while (pos < to) {
                char c = text.charAt(pos);
                if (c == '-' && next() == '-') {
                    skipLineComment();
                } else if (c == '/' && next() == '*') {
                    skipBlockComment();
                } else if (Character.isWhitespace(c)) {
                    pos++;
                } else if (c == ';' && !(inBlock && bodyEnd < 0)) {
                    if (start >= 0) {
                        out.add(statement(out.size(), start, pos, bodyStart, bodyEnd));
                    }
                    pos++;
                    start = -1;
                    leadingWords.clear();
                    inBlock = false;
                    bodyStart = -1;
                    bodyEnd = -1;
                } else {
                    if (start < 0) {
                        start = pos;
                    }
                    if (c == ';') {
                        atInnerStart = true;
                        pos++;
                    } else if (c == '\'' || c == '"' || c == '`') {
                        skipQuoted(c);
                        atInnerStart = false;
                    } else if (isWordStart(c)) {
                        int wordStart = pos;
                        String word = word();
                        if (!inBlock && leadingWords.size() < BLOCK_START.size()) {
                            leadingWords.add(word);
                            if (leadingWords.equals(BLOCK_START)) {
                                inBlock = true;
                                atInnerStart = true;
                                bodyStart = pos;
                            }
                        } else if (inBlock && atInnerStart && bodyEnd < 0) {
                            atInnerStart = false;
                            if (word.equals("END")) {
                                bodyEnd = wordStart;
                            }
                        }
                    } else {
                        atInnerStart = false;
                        pos++;
                    }
                }
            }
            if (inBlock && bodyEnd < 0) {
                throw new SqlScriptException(
                        String.format(
                                "EXECUTE STATEMENT SET block in %s starting at line %d has no END;"
                                        + " close it with END;",
                                script, lineOf(start)));
            }
            if (start >= 0) {
                out.add(statement(out.size(), start, to, bodyStart, bodyEnd));
            }
            return out;
        }

        private SqlStatement statement(int index, int start, int end, int bodyStart, int bodyEnd) {
            int number = fixedNumber != null ? fixedNumber : index + 1;
            List<SqlStatement> body =
                    bodyStart >= 0
                            ? new Splitter(script, text, bodyStart, bodyEnd, number).split()
                            : List.of();
            if (bodyStart >= 0 && body.isEmpty()) {
                throw new SqlScriptException(
                        String.format(
                                "EXECUTE STATEMENT SET block in %s at line %d is empty; put the"
                                        + " INSERT statements to run between BEGIN and END",
                                script, lineOf(start)));
            }
            return new SqlStatement(
                    number, lineOf(start), text.substring(start, end).stripTrailing(), body);
        }

        private char next() {
            return pos + 1 < to ? text.charAt(pos + 1) : '\0';
        }

        private void skipLineComment() {
            while (pos < to && text.charAt(pos) != '\n') {
                pos++;
            }
        }

        private void skipBlockComment() {
            int begin = pos;
            int close = text.indexOf("*/", pos + 2);
            if (close < 0 || close + 2 > to) {
                throw unterminated("comment /*", begin);
            }
            pos = close + 2;
        }

        /** A string literal or quoted identifier; a doubled quote inside stands for itself. */
        private void skipQuoted(char quote) {
            int begin = pos;
            pos++;
            while (true) {
                if (pos >= to) {
                    throw unterminated(
                            quote == '\'' ? "string literal" : "quoted identifier " + quote, begin);
                }
                if (text.charAt(pos) == quote) {
                    if (pos + 1 < to && text.charAt(pos + 1) == quote) {
                        pos += 2;
                        continue;
                    }
                    pos++;
                    return;
                }
                pos++;
            }
        }

        private String word() {
            int begin = pos;
            while (pos < to
                    && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            return text.substring(begin, pos).toUpperCase(Locale.ROOT);
        }

        private static boolean isWordStart(char c) {
            return Character.isLetter(c) || c == '_';
        }

        private SqlScriptException unterminated(String what, int begin) {
            return new SqlScriptException(
                    String.format(
                            "Unterminated %s in %s starting at line %d, column %d",
                            what, script, lineOf(begin), columnOf(begin)));
        }

        private int lineOf(int offset) {
            int index = Arrays.binarySearch(lineStarts, offset);
            return index >= 0 ? index + 1 : -index - 1;
        }

        private int columnOf(int offset) {
            return offset - lineStarts[lineOf(offset) - 1] + 1;
        }

        private static int[] lineStarts(String text) {
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            return starts.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
