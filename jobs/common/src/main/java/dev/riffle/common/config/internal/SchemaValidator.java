package dev.riffle.common.config.internal;

import dev.riffle.common.config.ConfigSchema;
import dev.riffle.common.config.GroupSpec;
import dev.riffle.common.config.OptionSpec;
import dev.riffle.common.config.Validator;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.Configuration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks property groups against a {@link ConfigSchema} and returns every problem, in a stable
 * order: each declared group in declaration order (its options in declaration order, then its
 * unknown keys), then the unknown groups.
 *
 * <p>Values are parsed by Flink's own {@link Configuration}, the same code that later serves {@code
 * ConfigGroup#get}: whatever passes here reads back without surprise.
 */
@Internal
public final class SchemaValidator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaValidator.class);

    private final ConfigSchema schema;
    private final List<String> problems = new ArrayList<>();

    private SchemaValidator(ConfigSchema schema) {
        this.schema = schema;
    }

    /** Every problem of {@code groups} against {@code schema}; empty when they are valid. */
    public static List<String> validate(
            ConfigSchema schema, Map<String, Map<String, String>> groups) {
        SchemaValidator validator = new SchemaValidator(schema);
        for (GroupSpec spec : schema.groups()) {
            validator.checkGroup(spec, groups);
        }
        groups.keySet().stream()
                .filter(id -> schema.groupFor(id).isEmpty())
                .forEach(validator::unknownGroup);
        return List.copyOf(validator.problems);
    }

    private void checkGroup(GroupSpec spec, Map<String, Map<String, String>> groups) {
        List<String> ids =
                groups.keySet().stream()
                        .filter(spec::matches)
                        .sorted(
                                Comparator.comparingInt(
                                        id -> spec.isRepeated() ? spec.indexOf(id) : 0))
                        .collect(Collectors.toList());
        if (ids.isEmpty() && spec.isRequired()) {
            missingGroup(spec);
        }
        for (String id : ids) {
            Map<String, String> values = groups.get(id);
            Configuration parsed = Configuration.fromMap(values);
            spec.options().forEach(option -> checkOption(id, spec, option, values, parsed));
            if (!spec.acceptsUndeclaredKeys()) {
                values.keySet().stream()
                        .filter(key -> spec.optionFor(key).isEmpty())
                        .forEach(key -> unknownKey(id, spec, key));
            }
        }
    }

    private <T> void checkOption(
            String groupId,
            GroupSpec group,
            OptionSpec<T> spec,
            Map<String, String> values,
            Configuration parsed) {
        Optional<String> key = spec.keys().stream().filter(values::containsKey).findFirst();
        if (key.isEmpty()) {
            if (spec.isRequired()) {
                problems.add(
                        String.format(
                                "Missing required configuration '%s.%s' (%s)",
                                groupId, spec.key(), spec.description()));
            }
            return;
        }
        if (!key.get().equals(spec.key())) {
            LOG.warn(
                    "Configuration '{}.{}' is read as '{}.{}'; rename the key.",
                    groupId,
                    key.get(),
                    groupId,
                    spec.key());
        }
        String shown = Secrets.maskIf(group.isSecretKey(key.get()), values.get(key.get()));
        String name = groupId + "." + key.get();
        T value;
        try {
            value = parsed.get(spec.option());
        } catch (IllegalArgumentException e) {
            // Flink's message and cause quote the value: only the type is reported.
            OptionType type = OptionType.of(spec.option());
            String accepted =
                    spec.validators().isEmpty()
                            ? type.accepted()
                            : spec.validators().stream()
                                    .map(Validator::accepted)
                                    .collect(Collectors.joining("; "));
            problems.add(invalid(shown, name, "expected " + type.expected(), accepted));
            return;
        }
        for (Validator<? super T> validator : spec.validators()) {
            Optional<String> reason = validator.check(value);
            if (reason.isPresent()) {
                problems.add(invalid(shown, name, reason.get(), validator.accepted()));
                return;
            }
        }
    }

    private static String invalid(String shown, String name, String reason, String accepted) {
        return String.format(
                "Invalid value '%s' for configuration '%s': %s. Accepted: %s",
                shown, name, reason, accepted);
    }

    private void missingGroup(GroupSpec spec) {
        List<String> requiredKeys =
                spec.options().stream()
                        .filter(OptionSpec::isRequired)
                        .map(OptionSpec::key)
                        .collect(Collectors.toList());
        problems.add(
                String.format(
                        "Missing required property group '%s' (%s): add %s with PropertyGroupId"
                                + " '%s'%s",
                        spec.displayId(),
                        DescriptionText.plainSentence(spec.description()),
                        spec.isRepeated() ? "at least one group" : "a group",
                        spec.isRepeated() ? spec.id() + "0" : spec.id(),
                        requiredKeys.isEmpty()
                                ? ""
                                : " and the keys " + String.join(", ", requiredKeys)));
    }

    private void unknownKey(String groupId, GroupSpec spec, String key) {
        String suggestion =
                Suggestions.closest(key, spec.keys())
                        .map(k -> String.format(" Did you mean '%s.%s'?", groupId, k))
                        .orElse("");
        String known = spec.keys().isEmpty() ? "(none)" : String.join(", ", spec.keys());
        problems.add(
                String.format(
                        "Unknown configuration '%s.%s'.%s Known keys of group '%s': %s",
                        groupId, key, suggestion, groupId, known));
    }

    private void unknownGroup(String groupId) {
        // "InputStream01" suggests "InputStream1": compare against the instance it was meant as.
        String digits = groupId.replaceAll("^.*?([0-9]*)$", "$1").replaceFirst("^0+(?=[0-9])", "");
        List<String> candidates =
                schema.groups().stream()
                        .map(
                                g ->
                                        g.isRepeated()
                                                ? g.id() + (digits.isEmpty() ? "0" : digits)
                                                : g.id())
                        .collect(Collectors.toList());
        String suggestion =
                Suggestions.closest(groupId, candidates)
                        .map(g -> String.format(" Did you mean '%s'?", g))
                        .orElse("");
        String known =
                schema.groups().stream()
                        .map(GroupSpec::displayId)
                        .collect(Collectors.joining(", "));
        problems.add(
                String.format(
                        "Unknown property group '%s'.%s Known groups: %s",
                        groupId, suggestion, known));
    }
}
