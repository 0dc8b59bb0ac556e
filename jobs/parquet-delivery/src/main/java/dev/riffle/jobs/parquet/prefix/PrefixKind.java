package dev.riffle.jobs.parquet.prefix;

import org.apache.flink.annotation.PublicEvolving;

/** Which of the two prefixes a template is: they follow different rules. */
@PublicEvolving
public enum PrefixKind {
    /** Where rows are delivered (Firehose's {@code Prefix}). */
    DATA("prefix"),
    /** Where failed records go (Firehose's {@code ErrorOutputPrefix}). */
    ERROR("error prefix");

    private final String label;

    PrefixKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
