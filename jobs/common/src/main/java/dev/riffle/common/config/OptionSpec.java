package dev.riffle.common.config;

import dev.riffle.common.config.internal.DescriptionText;
import dev.riffle.common.config.internal.Secrets;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.util.Preconditions;

import java.util.ArrayList;
import java.util.List;

/**
 * One key of a property group: a typed Flink {@link ConfigOption} (its key, type, default and
 * description), whether it must be given, how its value is checked, and whether it is secret.
 *
 * <pre>{@code
 * OptionSpec.required(STREAM_ARN)
 * OptionSpec.optional(MAX_RECORDS_PER_FETCH).validatedBy(Validators.range(1, 10_000))
 * OptionSpec.optional(SECRET_KEY)           // secret: the key contains "secret"
 * OptionSpec.optional(SIGNING_PHRASE).secret()
 * }</pre>
 *
 * <p>Instances are immutable; {@link #validatedBy} and {@link #secret} return new ones.
 *
 * @param <T> the option's type
 */
@PublicEvolving
public final class OptionSpec<T> {

    private final ConfigOption<T> option;
    private final boolean required;
    private final boolean declaredSecret;
    private final List<Validator<? super T>> validators;

    private OptionSpec(
            ConfigOption<T> option,
            boolean required,
            boolean declaredSecret,
            List<Validator<? super T>> validators) {
        this.option = option;
        this.required = required;
        this.declaredSecret = declaredSecret;
        this.validators = List.copyOf(validators);
    }

    /**
     * An option the configuration must set. It has no default (a default would never be used) and,
     * like every option, a description: it is quoted when the key is missing.
     */
    public static <T> OptionSpec<T> required(ConfigOption<T> option) {
        checkDescribed(option);
        Preconditions.checkArgument(
                !option.hasDefaultValue(),
                "Required option '%s' declares a default value; drop the default or make the"
                        + " option optional",
                option.key());
        return new OptionSpec<>(option, true, false, List.of());
    }

    /** An option the configuration may set; when it does not, the option's default applies. */
    public static <T> OptionSpec<T> optional(ConfigOption<T> option) {
        checkDescribed(option);
        return new OptionSpec<>(option, false, false, List.of());
    }

    /** Adds a check that a present value must pass (after it parsed as the option's type). */
    public OptionSpec<T> validatedBy(Validator<? super T> validator) {
        Preconditions.checkNotNull(validator, "validator");
        List<Validator<? super T>> more = new ArrayList<>(validators);
        more.add(validator);
        return new OptionSpec<>(option, required, declaredSecret, more);
    }

    /**
     * Marks the value secret: masked in every message, {@code toString()} and log line. Keys that
     * match Flink's sensitive-key heuristic ("password", "secret", "token", ...) are secret without
     * this.
     */
    public OptionSpec<T> secret() {
        return new OptionSpec<>(option, required, true, validators);
    }

    public ConfigOption<T> option() {
        return option;
    }

    public String key() {
        return option.key();
    }

    /** The key and its fallback keys: every key under which a value for this option is read. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        keys.add(option.key());
        for (FallbackKey fallback : option.fallbackKeys()) {
            keys.add(fallback.getKey());
        }
        return keys;
    }

    public boolean isRequired() {
        return required;
    }

    /** Declared {@link #secret()}, or any of its keys looks sensitive to Flink. */
    public boolean isSecret() {
        return declaredSecret || keys().stream().anyMatch(Secrets::isSensitiveKey);
    }

    public List<Validator<? super T>> validators() {
        return validators;
    }

    /** The option's description as one line of plain text, without a trailing period. */
    public String description() {
        return DescriptionText.plain(option.description());
    }

    private static void checkDescribed(ConfigOption<?> option) {
        Preconditions.checkNotNull(option, "option");
        Preconditions.checkArgument(
                !DescriptionText.plain(option.description()).isBlank(),
                "Option '%s' has no description; every option needs one (errors and the README"
                        + " table show it)",
                option.key());
    }

    @Override
    public String toString() {
        return String.format(
                "OptionSpec{%s, %s%s}",
                option.key(), required ? "required" : "optional", isSecret() ? ", secret" : "");
    }
}
