package dev.riffle.common.event;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Locale;

/**
 * The four kinds of event Riffle ingests. Each has a JSON Schema on the classpath at {@code
 * schemas/<wireName>.schema.json} (the files users read), which includes {@code
 * schemas/envelope.schema.json} for the fields all types share.
 */
@PublicEvolving
public enum EventType {
    /** E-commerce payment: merchant, amount, currency, status. */
    TRANSACTION("transaction"),
    /** Checkout attempt: merchant, outcome ok/error, error code. */
    CHECKOUT("checkout"),
    /** Product clickstream: page views, sign-ups, feature use, errors. */
    CLICK("click"),
    /** IoT telemetry: device, metric, value. */
    TELEMETRY("telemetry");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the {@code type} field on the wire. */
    public String wireName() {
        return wireName;
    }

    /** Classpath location of this type's JSON Schema. */
    public String schemaResource() {
        return "schemas/" + wireName + ".schema.json";
    }

    /** The type with this wire name, or {@code null} if there is none. Exact, lower-case match. */
    public static EventType fromWireName(String name) {
        if (name == null) {
            return null;
        }
        switch (name) {
            case "transaction":
                return TRANSACTION;
            case "checkout":
                return CHECKOUT;
            case "click":
                return CLICK;
            case "telemetry":
                return TELEMETRY;
            default:
                return null;
        }
    }

    @Override
    public String toString() {
        return wireName.toUpperCase(Locale.ROOT);
    }
}
