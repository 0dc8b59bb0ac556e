package dev.riffle.common.config.internal;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.description.Description;
import org.apache.flink.configuration.description.Formatter;
import org.apache.flink.configuration.description.TextElement;

import java.util.EnumSet;

/**
 * Renders a Flink option {@link Description} as one line of plain text (for error messages) or of
 * Markdown (for a README table cell, where a line break has to be {@code <br>}).
 */
@Internal
public final class DescriptionText extends Formatter {

    private final boolean markdown;

    private DescriptionText(boolean markdown) {
        this.markdown = markdown;
    }

    /** One line of plain text, without a trailing period so it reads well in parentheses. */
    public static String plain(Description description) {
        return plainSentence(new DescriptionText(false).format(description));
    }

    /** {@code text} on one line, without a trailing period. */
    public static String plainSentence(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }

    /** One line of Markdown, safe inside a table cell. */
    public static String markdown(Description description) {
        return new DescriptionText(true).format(description).strip();
    }

    @Override
    protected void formatLink(StringBuilder state, String link, String description) {
        state.append(markdown ? "[" + description + "](" + link + ")" : description);
    }

    @Override
    protected void formatLineBreak(StringBuilder state) {
        state.append(markdown ? "<br>" : " ");
    }

    @Override
    protected void formatText(
            StringBuilder state,
            String format,
            String[] elements,
            EnumSet<TextElement.TextStyle> styles) {
        boolean code = markdown && styles.contains(TextElement.TextStyle.CODE);
        // Inside a code span '<' shows as typed; elsewhere it would start an HTML tag.
        String safeFormat = markdown ? escape(code ? format : escapeHtml(format)) : format;
        String text = String.format(safeFormat, (Object[]) elements);
        state.append(code ? "`" + text + "`" : text);
    }

    @Override
    protected void formatList(StringBuilder state, String[] entries) {
        String separator = markdown ? "<br>" : "; ";
        for (int i = 0; i < entries.length; i++) {
            state.append(markdown ? "<br>- " : (i == 0 ? "" : separator)).append(entries[i]);
        }
    }

    @Override
    protected Formatter newInstance() {
        return new DescriptionText(markdown);
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Table cells end at '|' and at a newline. */
    static String escape(String text) {
        return text.replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>");
    }
}
