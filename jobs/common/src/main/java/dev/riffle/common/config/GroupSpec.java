package dev.riffle.common.config;

import dev.riffle.common.config.internal.Secrets;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.util.Preconditions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One property group of a job's {@link ConfigSchema}: its id, whether it must be present, and its
 * options.
 *
 * <pre>{@code
 * GroupSpec.builder("kinesis-source")
 *         .description("The stream the job reads raw events from.")
 *         .required(STREAM_ARN)
 *         .optional(INITIAL_POSITION)
 *         .option(OptionSpec.optional(MAX_RECORDS).validatedBy(Validators.range(1, 10_000)))
 *         .build();
 * }</pre>
 *
 * <p>A group is required unless {@link Builder#optional()} is called. The required options of an
 * optional group are required only when the group is present. A {@link Builder#repeated()} group
 * matches the ids {@code <id>0}, {@code <id>1}, ... (for example {@code InputStream0}); when
 * required, at least one must be present.
 */
@PublicEvolving
public final class GroupSpec {

    /** No leading zeros (InputStream01 would read as InputStream1); small enough for an int. */
    private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]{0,8}");

    private final String id;
    private final String description;
    private final boolean required;
    private final boolean repeated;
    private final boolean undeclaredKeysAccepted;
    private final List<OptionSpec<?>> options;

    private GroupSpec(Builder builder) {
        this.id = builder.id;
        this.description = builder.description;
        this.required = builder.required;
        this.repeated = builder.repeated;
        this.undeclaredKeysAccepted = builder.undeclaredKeysAccepted;
        this.options = List.copyOf(builder.options);
    }

    /** Starts a required, non-repeated group with the property group id {@code id}. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** The group id, or for a repeated group the prefix before the index. */
    public String id() {
        return id;
    }

    /** How the group is named for people: {@code InputStream<n>} for repeated groups. */
    public String displayId() {
        return repeated ? id + "<n>" : id;
    }

    public String description() {
        return description;
    }

    public boolean isRequired() {
        return required;
    }

    public boolean isRepeated() {
        return repeated;
    }

    /** Whether keys the schema does not declare are kept instead of reported as unknown. */
    public boolean acceptsUndeclaredKeys() {
        return undeclaredKeysAccepted;
    }

    public List<OptionSpec<?>> options() {
        return options;
    }

    /** Whether {@code groupId} is this group (or, if repeated, one of its instances). */
    public boolean matches(String groupId) {
        if (!repeated) {
            return id.equals(groupId);
        }
        return groupId.startsWith(id) && INDEX.matcher(groupId.substring(id.length())).matches();
    }

    /** The index of a repeated group's instance: 3 for {@code InputStream3}. */
    public int indexOf(String groupId) {
        Preconditions.checkArgument(
                repeated && matches(groupId),
                "'%s' is not an instance of %s",
                groupId,
                displayId());
        return Integer.parseInt(groupId.substring(id.length()));
    }

    /** The option read under {@code key} (its key or a fallback key), if any. */
    public Optional<OptionSpec<?>> optionFor(String key) {
        return options.stream().filter(o -> o.keys().contains(key)).findFirst();
    }

    /** The primary keys of all options, in declaration order. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        options.forEach(o -> keys.add(o.key()));
        return keys;
    }

    /** Whether the value under {@code key} must be masked. */
    public boolean isSecretKey(String key) {
        return optionFor(key).map(OptionSpec::isSecret).orElse(false)
                || Secrets.isSensitiveKey(key);
    }

    @Override
    public String toString() {
        return String.format(
                "GroupSpec{%s, %s, %s}", displayId(), required ? "required" : "optional", keys());
    }

    /** Builds a {@link GroupSpec}; {@link #build()} checks the declaration. */
    @PublicEvolving
    public static final class Builder {
        private final String id;
        private String description = "";
        private boolean required = true;
        private boolean repeated;
        private boolean undeclaredKeysAccepted;
        private final List<OptionSpec<?>> options = new ArrayList<>();

        private Builder(String id) {
            Preconditions.checkArgument(
                    id != null && !id.isBlank(), "A property group id must not be blank");
            this.id = id;
        }

        /** What the group configures; shown when the group is missing and in the README. */
        public Builder description(String description) {
            this.description = Preconditions.checkNotNull(description, "description");
            return this;
        }

        /** The group may be absent; its required options are then not required. */
        public Builder optional() {
            this.required = false;
            return this;
        }

        /** The group appears as {@code <id>0}, {@code <id>1}, ...; each instance is checked. */
        public Builder repeated() {
            this.repeated = true;
            return this;
        }

        /**
         * Keys not declared here are kept (for example a group passed on to a client as raw
         * properties) instead of being reported as unknown. Their values are never printed.
         */
        public Builder acceptUndeclaredKeys() {
            this.undeclaredKeysAccepted = true;
            return this;
        }

        public Builder option(OptionSpec<?> option) {
            options.add(Preconditions.checkNotNull(option, "option"));
            return this;
        }

        /** Shorthand for {@code option(OptionSpec.required(option))}. */
        public Builder required(ConfigOption<?> option) {
            return option(OptionSpec.required(option));
        }

        /** Shorthand for {@code option(OptionSpec.optional(option))}. */
        public Builder optional(ConfigOption<?> option) {
            return option(OptionSpec.optional(option));
        }

        public GroupSpec build() {
            Preconditions.checkArgument(
                    !description.isBlank(),
                    "Property group '%s' has no description; every group needs one",
                    id);
            Preconditions.checkArgument(
                    !repeated || !Character.isDigit(id.charAt(id.length() - 1)),
                    "Repeated group '%s' must not end in a digit: its instances append one",
                    id);
            Set<String> seen = new HashSet<>();
            for (OptionSpec<?> option : options) {
                for (String key : option.keys()) {
                    Preconditions.checkArgument(
                            seen.add(key), "Key '%s' is declared twice in group '%s'", key, id);
                }
            }
            return new GroupSpec(this);
        }
    }
}
