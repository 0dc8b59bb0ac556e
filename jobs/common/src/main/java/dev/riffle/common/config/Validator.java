package dev.riffle.common.config;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Optional;

/**
 * Checks a parsed option value beyond its type. {@link Validators} has the common ones (range,
 * allowed values, pattern, a custom predicate).
 *
 * <p>A rejection becomes {@code Invalid value 'V' for configuration 'GROUP.KEY': <reason>.
 * Accepted: <accepted>}; the loader inserts the value (masked for secrets), so neither text may
 * contain it.
 *
 * @param <T> the option's type
 */
@PublicEvolving
public interface Validator<T> {

    /**
     * Returns why {@code value} is rejected (for example "must be at most 10000"), or empty when it
     * is accepted. {@code value} is never null.
     */
    Optional<String> check(T value);

    /** What this validator accepts, for example "an integer from 1 to 10000". */
    String accepted();
}
