package dev.riffle.connector.kinesis.aws;

import dev.riffle.connector.kinesis.aws.internal.ConfigProblems;
import dev.riffle.connector.kinesis.aws.internal.Secrets;

import org.apache.flink.annotation.Internal;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Validated credentials settings read from a credentials prefix ({@code aws.credentials.provider}
 * or a nested {@code ...role.provider}). Secrets never appear in {@link #toString()}.
 */
@Internal
public final class CredentialsSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Nesting deeper than this (a role assuming a role assuming a role ...) is refused. */
    private static final int MAX_NESTING = 3;

    static final String DEFAULT_ROLE_SESSION_NAME = "riffle";

    private final String prefix;
    private final CredentialsProviderType type;
    private final Map<String, String> values;
    @Nullable private final CredentialsSettings roleProvider;

    private CredentialsSettings(
            String prefix,
            CredentialsProviderType type,
            Map<String, String> values,
            @Nullable CredentialsSettings roleProvider) {
        this.prefix = prefix;
        this.type = type;
        this.values = values;
        this.roleProvider = roleProvider;
    }

    /** Reads and validates the settings below {@code prefix}, recording every problem. */
    static CredentialsSettings parse(ConfigProblems problems, String prefix, Set<String> known) {
        return parse(problems, prefix, known, 0);
    }

    private static CredentialsSettings parse(
            ConfigProblems problems, String prefix, Set<String> known, int depth) {
        known.add(prefix);
        CredentialsKeys.ALL.forEach(suffix -> known.add(prefix + suffix));

        Map<String, String> values = new LinkedHashMap<>();
        for (String suffix : CredentialsKeys.ALL) {
            problems.raw(prefix + suffix).ifPresent(v -> values.put(suffix, v));
        }
        CredentialsProviderType type = readType(problems, prefix, values);

        CredentialsSettings nested = null;
        switch (type) {
            case BASIC:
                requireValue(problems, prefix, values, CredentialsKeys.ACCESS_KEY_ID, type);
                requireValue(problems, prefix, values, CredentialsKeys.SECRET_KEY, type);
                break;
            case ASSUME_ROLE:
                requireValue(problems, prefix, values, CredentialsKeys.ROLE_ARN, type);
                checkRoleArn(problems, prefix, values);
                if (depth + 1 >= MAX_NESTING) {
                    problems.invalid(
                            prefix,
                            "roles nest more than " + MAX_NESTING + " levels deep",
                            "at most " + MAX_NESTING + " levels of ASSUME_ROLE");
                } else {
                    nested =
                            parse(
                                    problems,
                                    prefix + CredentialsKeys.ROLE_PROVIDER,
                                    known,
                                    depth + 1);
                }
                break;
            case WEB_IDENTITY_TOKEN:
                checkRoleArn(problems, prefix, values);
                break;
            default:
                break;
        }
        rejectUnused(problems, prefix, type, values);
        return new CredentialsSettings(prefix, type, Map.copyOf(values), nested);
    }

    private static CredentialsProviderType readType(
            ConfigProblems problems, String prefix, Map<String, String> values) {
        String raw = problems.raw(prefix).orElse(null);
        if (raw == null) {
            // As in the official connector: both basic keys and no type means BASIC.
            boolean basic =
                    values.containsKey(CredentialsKeys.ACCESS_KEY_ID)
                            && values.containsKey(CredentialsKeys.SECRET_KEY);
            return basic ? CredentialsProviderType.BASIC : CredentialsProviderType.AUTO;
        }
        for (CredentialsProviderType t : CredentialsProviderType.values()) {
            if (t.name().equalsIgnoreCase(raw.trim())) {
                return t;
            }
        }
        problems.invalid(
                prefix,
                "it is not a credentials provider type",
                ConfigProblems.enumValues(CredentialsProviderType.class));
        return CredentialsProviderType.AUTO;
    }

    private static void requireValue(
            ConfigProblems problems,
            String prefix,
            Map<String, String> values,
            String suffix,
            CredentialsProviderType type) {
        String v = values.get(suffix);
        if (v == null || v.isBlank()) {
            problems.missing(prefix + suffix, prefix + " is " + type + ", which needs it");
        }
    }

    private static void checkRoleArn(
            ConfigProblems problems, String prefix, Map<String, String> values) {
        String arn = values.get(CredentialsKeys.ROLE_ARN);
        if (arn != null && !arn.startsWith("arn:")) {
            problems.invalid(
                    prefix + CredentialsKeys.ROLE_ARN,
                    "it is not an ARN",
                    "an IAM role ARN such as arn:aws:iam::123456789012:role/reader");
        }
    }

    /** A setting that the chosen type ignores is almost always a mistake: say so. */
    private static void rejectUnused(
            ConfigProblems problems,
            String prefix,
            CredentialsProviderType type,
            Map<String, String> values) {
        Set<String> used = usedSuffixes(type);
        for (String suffix : values.keySet()) {
            if (!used.contains(suffix)) {
                problems.invalid(
                        prefix + suffix,
                        "it is not used when " + prefix + " is " + type,
                        "remove it, or set " + prefix + " to the type that uses it");
            }
        }
    }

    private static Set<String> usedSuffixes(CredentialsProviderType type) {
        switch (type) {
            case BASIC:
                return Set.of(CredentialsKeys.ACCESS_KEY_ID, CredentialsKeys.SECRET_KEY);
            case PROFILE:
                return Set.of(CredentialsKeys.PROFILE_NAME, CredentialsKeys.PROFILE_PATH);
            case ASSUME_ROLE:
                return Set.of(
                        CredentialsKeys.ROLE_ARN,
                        CredentialsKeys.ROLE_SESSION_NAME,
                        CredentialsKeys.ROLE_EXTERNAL_ID,
                        CredentialsKeys.ROLE_PROVIDER,
                        CredentialsKeys.ROLE_STS_ENDPOINT);
            case WEB_IDENTITY_TOKEN:
                return Set.of(
                        CredentialsKeys.ROLE_ARN,
                        CredentialsKeys.ROLE_SESSION_NAME,
                        CredentialsKeys.WEB_IDENTITY_TOKEN_FILE);
            default:
                return Set.of();
        }
    }

    public CredentialsProviderType type() {
        return type;
    }

    @Nullable
    String value(String suffix) {
        return values.get(suffix);
    }

    /** The settings of the credentials that assume the role, for {@code ASSUME_ROLE}. */
    @Nullable
    CredentialsSettings roleProvider() {
        return roleProvider;
    }

    String roleSessionName() {
        String name = values.get(CredentialsKeys.ROLE_SESSION_NAME);
        return name == null || name.isBlank() ? DEFAULT_ROLE_SESSION_NAME : name;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type.name());
        values.forEach(
                (suffix, v) ->
                        sb.append(", ")
                                .append(suffix.substring(1))
                                .append('=')
                                .append(Secrets.isSecretKey(suffix) ? Secrets.MASK : v));
        if (roleProvider != null) {
            sb.append(", role.provider=(").append(roleProvider).append(')');
        }
        return sb.toString();
    }

    String prefix() {
        return prefix;
    }
}
