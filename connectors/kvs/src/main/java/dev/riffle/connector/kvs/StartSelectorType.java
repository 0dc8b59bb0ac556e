package dev.riffle.connector.kvs;

import org.apache.flink.annotation.PublicEvolving;

/** Where the KVS source starts reading a stream that has no checkpointed position. */
@PublicEvolving
public enum StartSelectorType {
    /** The newest fragment on: what is being recorded now. */
    NOW,
    /** The oldest fragment still retained. */
    EARLIEST,
    /** This fragment (inclusive), given as {@code source.init.fragment-number}. */
    FRAGMENT_NUMBER,
    /** The fragment containing this server time, given as {@code source.init.timestamp}. */
    SERVER_TIMESTAMP,
    /** The fragment containing this producer time, given as {@code source.init.timestamp}. */
    PRODUCER_TIMESTAMP,
    /** After the fragment a previous GetMedia's continuation token names. */
    CONTINUATION_TOKEN
}
