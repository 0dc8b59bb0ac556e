package dev.riffle.connector.kinesis.aws.internal;

import org.apache.flink.annotation.Internal;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps secrets out of messages, logs and {@code toString()}: a key whose name says it holds a
 * secret (secret key, access key id, session token, password) is always displayed masked.
 */
@Internal
public final class Secrets {

    public static final String MASK = "******";

    private Secrets() {}

    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("secret")
                || k.contains("accesskeyid")
                || k.contains("access-key")
                || k.contains("sessiontoken")
                || k.contains("password");
    }

    /** The value as it may be shown for this key: quoted, or masked for a secret key. */
    public static String displayValue(String key, String value) {
        if (value == null) {
            return "(unset)";
        }
        return isSecretKey(key) ? MASK : "'" + value + "'";
    }

    /** A copy of a configuration map whose secret values are masked, for logging. */
    public static Map<String, String> masked(Map<String, String> config) {
        Map<String, String> out = new TreeMap<>();
        config.forEach((k, v) -> out.put(k, isSecretKey(k) ? MASK : v));
        return out;
    }
}
