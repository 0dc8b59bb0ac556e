package dev.riffle.common.config.internal;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.GlobalConfiguration;

import java.util.Locale;

/** What stands in for a secret value, and which keys are secret whatever the schema says. */
@Internal
public final class Secrets {

    /** Flink's own mask, so masked values look the same in Flink's and Riffle's logs. */
    public static final String MASK = GlobalConfiguration.HIDDEN_CONTENT;

    private Secrets() {}

    /** Access key ids: not secret to AWS, but they name an account's credentials. */
    private static final String[] ACCESS_KEY_MARKERS = {
        "accesskeyid", "accesskey", "access-key", "access.key", "access_key"
    };

    /**
     * Flink's sensitive-key heuristic: keys containing "password", "secret", "token", "apikey",
     * "jaas.config" and the like (case-insensitive), plus access key ids ({@code
     * aws.credentials.provider.basic.accesskeyid}, {@code s3.access-key}, {@code
     * fs.s3a.access.key}). Applies to every key, declared or not.
     */
    public static boolean isSensitiveKey(String key) {
        if (GlobalConfiguration.isSensitive(key)) {
            return true;
        }
        String k = key.toLowerCase(Locale.ROOT);
        for (String marker : ACCESS_KEY_MARKERS) {
            if (k.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /** {@code value}, or the mask when it is secret. */
    public static String maskIf(boolean secret, String value) {
        return secret ? MASK : value;
    }
}
