package dev.riffle.common.config.internal;

import org.apache.flink.annotation.Internal;

import java.util.regex.Pattern;

/**
 * Turns a JSON parser's complaint into one line that names the source and the location, for both
 * Jackson flavours in play (ours, and Flink's shaded one inside the MSF runtime library).
 *
 * <p>Parser messages can quote the offending text: "Unrecognized token 'hunter2'" is what an
 * unquoted password produces. Such quotes are removed, and the parser's exception is not kept as a
 * cause, so that a typo next to a secret cannot leak it into a log.
 */
@Internal
public final class JsonErrors {

    private static final Pattern TOKEN = Pattern.compile("(Unrecognized token) '[^']*'");
    private static final Pattern SOURCE_REF =
            Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)]");

    private JsonErrors() {}

    /**
     * "Malformed JSON in file /x.json at line 3, column 5: Unexpected character ..."
     *
     * @param line 1-based, or a value below 1 when unknown
     */
    public static String malformed(String source, String parserMessage, int line, int column) {
        String where = line > 0 ? String.format(" at line %d, column %d", line, column) : "";
        return String.format("Malformed JSON in %s%s: %s", source, where, clean(parserMessage));
    }

    static String clean(String parserMessage) {
        if (parserMessage == null) {
            return "not valid JSON";
        }
        String text = TOKEN.matcher(parserMessage).replaceAll("$1");
        text = SOURCE_REF.matcher(text).replaceAll("line $1, column $2");
        return text.replaceAll("\\s+", " ").strip();
    }
}
