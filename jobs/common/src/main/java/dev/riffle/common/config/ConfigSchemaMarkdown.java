package dev.riffle.common.config;

import dev.riffle.common.config.internal.DescriptionText;
import dev.riffle.common.config.internal.OptionType;
import dev.riffle.common.config.internal.Values;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;

/**
 * Renders a {@link ConfigSchema} as a Markdown table, one row per key, for a job's README section:
 *
 * <pre>
 * | Group | Key | Type | Default | Required | Description |
 * | --- | --- | --- | --- | --- | --- |
 * | `kinesis-source` | `stream.arn` | String | (none) | yes | ARN of the stream to read. |
 * </pre>
 *
 * <p>"Required" is per group: a required key of an optional group is required only when that group
 * is given. Repeated groups show as {@code InputStream<n>}. The description ends with what the
 * option's validators accept, its fallback keys and, for secrets, that the value is masked.
 */
@PublicEvolving
public final class ConfigSchemaMarkdown {

    private static final String HEADER =
            "| Group | Key | Type | Default | Required | Description |\n"
                    + "| --- | --- | --- | --- | --- | --- |\n";

    private ConfigSchemaMarkdown() {}

    /** The table, ending with a newline. */
    public static String render(ConfigSchema schema) {
        StringBuilder table = new StringBuilder(HEADER);
        for (GroupSpec group : schema.groups()) {
            for (OptionSpec<?> option : group.options()) {
                table.append(row(group, option));
            }
        }
        return table.toString();
    }

    private static String row(GroupSpec group, OptionSpec<?> spec) {
        ConfigOption<?> option = spec.option();
        StringBuilder description =
                new StringBuilder(DescriptionText.markdown(option.description()));
        for (Validator<?> validator : spec.validators()) {
            description.append(" Accepted: ").append(escape(validator.accepted())).append('.');
        }
        spec.keys().stream()
                .skip(1)
                .forEach(key -> description.append(" Also read as `").append(key).append("`."));
        if (spec.isSecret()) {
            description.append(" Secret: masked in logs and messages.");
        }
        return String.format(
                "| %s | `%s` | %s | %s | %s | %s |\n",
                groupCell(group),
                option.key(),
                escape(OptionType.of(option).name()),
                option.hasDefaultValue() ? defaultCell(option.defaultValue()) : "(none)",
                spec.isRequired() ? "yes" : "no",
                description);
    }

    private static String groupCell(GroupSpec group) {
        String cell = "`" + group.displayId() + "`";
        String repeated = group.isRepeated() ? "n = 0, 1, 2, ..." : "";
        if (!group.isRequired()) {
            return cell + (repeated.isEmpty() ? " (optional)" : " (optional, " + repeated + ")");
        }
        return repeated.isEmpty() ? cell : cell + " (" + repeated + ")";
    }

    private static String defaultCell(Object value) {
        String shown = Values.show(value);
        return shown.isEmpty() ? "(empty)" : "`" + escape(shown) + "`";
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }
}
