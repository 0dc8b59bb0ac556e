package dev.riffle.common.config;

import dev.riffle.common.config.internal.Values;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.Preconditions;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Factories for the common {@link Validator}s.
 *
 * <pre>{@code
 * OptionSpec.optional(MAX_RECORDS).validatedBy(Validators.range(1, 10_000));
 * OptionSpec.required(FORMAT).validatedBy(Validators.oneOf("json", "parquet"));
 * OptionSpec.required(STREAM_ARN)
 *         .validatedBy(Validators.pattern("arn:aws[a-z-]*:kinesis:.+:stream/.+",
 *                 "a stream ARN such as 'arn:aws:kinesis:us-east-1:000000000000:stream/events'"));
 * }</pre>
 *
 * <p>Ranges describe their bounds by type: "an integer from 1 to 10000", "a duration from 1 s to 10
 * min", "a memory size of at least 1 mb".
 */
@PublicEvolving
public final class Validators {

    private Validators() {}

    /** Accepts values from {@code min} to {@code max}, both included. */
    public static <T extends Comparable<? super T>> Validator<T> range(T min, T max) {
        Preconditions.checkArgument(
                min.compareTo(max) <= 0, "range: min %s is above max %s", min, max);
        String accepted =
                String.format(
                        "%s from %s to %s", Values.noun(min), Values.show(min), Values.show(max));
        return new Check<T>(
                accepted,
                v -> v.compareTo(min) < 0 ? "must be at least " + Values.show(min) : null,
                v -> v.compareTo(max) > 0 ? "must be at most " + Values.show(max) : null);
    }

    /** Accepts values of at least {@code min}. */
    public static <T extends Comparable<? super T>> Validator<T> atLeast(T min) {
        String accepted = String.format("%s of at least %s", Values.noun(min), Values.show(min));
        return new Check<T>(
                accepted,
                v -> v.compareTo(min) < 0 ? "must be at least " + Values.show(min) : null);
    }

    /** Accepts values of at most {@code max}. */
    public static <T extends Comparable<? super T>> Validator<T> atMost(T max) {
        String accepted = String.format("%s of at most %s", Values.noun(max), Values.show(max));
        return new Check<T>(
                accepted, v -> v.compareTo(max) > 0 ? "must be at most " + Values.show(max) : null);
    }

    /** Accepts exactly the listed values (case-sensitive for strings). */
    @SafeVarargs
    public static <T> Validator<T> oneOf(T... allowed) {
        Preconditions.checkArgument(allowed.length > 0, "oneOf needs at least one value");
        List<T> values = List.copyOf(Arrays.asList(allowed));
        String accepted =
                "one of "
                        + values.stream()
                                .map(v -> "'" + Values.show(v) + "'")
                                .collect(Collectors.joining(", "));
        return new Check<T>(
                accepted, v -> values.contains(v) ? null : "must be one of the allowed values");
    }

    /**
     * Accepts strings that match {@code regex} as a whole.
     *
     * @param accepted what a matching value looks like, with an example, for the error message
     */
    public static Validator<String> pattern(String regex, String accepted) {
        Pattern pattern = Pattern.compile(regex);
        return new Check<String>(
                accepted,
                v -> pattern.matcher(v).matches() ? null : "must match the pattern " + regex);
    }

    /** Accepts strings with at least one non-whitespace character. */
    public static Validator<String> notBlank() {
        return new Check<String>(
                "a non-blank value", v -> v.isBlank() ? "must not be blank" : null);
    }

    /**
     * Accepts values for which {@code test} holds.
     *
     * @param reason why a value is rejected, for example "must name an existing S3 bucket"
     * @param accepted what is accepted, for example "a URI such as 's3://bucket/prefix'"
     */
    public static <T> Validator<T> check(
            Predicate<? super T> test, String reason, String accepted) {
        Preconditions.checkNotNull(test, "test");
        Preconditions.checkNotNull(reason, "reason");
        return new Check<T>(accepted, v -> test.test(v) ? null : reason);
    }

    /** A validator made of rules that each return a reason, or null when the value passes. */
    private static final class Check<T> implements Validator<T> {
        private final String accepted;
        private final List<Function<T, String>> rules;

        @SafeVarargs
        private Check(String accepted, Function<T, String>... rules) {
            this.accepted = Preconditions.checkNotNull(accepted, "accepted");
            this.rules = List.of(rules);
        }

        @Override
        public Optional<String> check(T value) {
            return rules.stream().map(r -> r.apply(value)).filter(r -> r != null).findFirst();
        }

        @Override
        public String accepted() {
            return accepted;
        }

        @Override
        public String toString() {
            return "Validator{" + accepted + "}";
        }
    }
}
