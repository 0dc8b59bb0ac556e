package dev.riffle.common.config.internal;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.GlobalConfiguration;

/** What stands in for a secret value, and which keys are secret whatever the schema says. */
@Internal
public final class Secrets {

    /** Flink's own mask, so masked values look the same in Flink's and Riffle's logs. */
    public static final String MASK = GlobalConfiguration.HIDDEN_CONTENT;

    private Secrets() {}

    /**
     * Flink's sensitive-key heuristic: keys containing "password", "secret", "token", "apikey",
     * "jaas.config" and the like (case-insensitive). Applies to every key, declared or not.
     */
    public static boolean isSensitiveKey(String key) {
        return GlobalConfiguration.isSensitive(key);
    }

    /** {@code value}, or the mask when it is secret. */
    public static String maskIf(boolean secret, String value) {
        return secret ? MASK : value;
    }
}
