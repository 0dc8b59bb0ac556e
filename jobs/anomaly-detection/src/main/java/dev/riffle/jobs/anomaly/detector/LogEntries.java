package dev.riffle.jobs.anomaly.detector;

import org.apache.flink.annotation.Internal;

import java.nio.ByteBuffer;

/**
 * The bytes of one logged point: {@code [version 1][timestamp long][value double]}, 17 bytes. Part
 * of the checkpoint contract, like {@link dev.riffle.jobs.anomaly.rcf.ForestCodec}.
 */
@Internal
final class LogEntries {
    static final byte VERSION = 1;
    static final int SIZE = 17;

    private LogEntries() {}

    static byte[] encode(long timestamp, double value) {
        return ByteBuffer.allocate(SIZE).put(VERSION).putLong(timestamp).putDouble(value).array();
    }

    static long timestamp(byte[] entry) {
        check(entry);
        return ByteBuffer.wrap(entry, 1, 8).getLong();
    }

    static double value(byte[] entry) {
        check(entry);
        return ByteBuffer.wrap(entry, 9, 8).getDouble();
    }

    private static void check(byte[] entry) {
        if (entry.length != SIZE || entry[0] != VERSION) {
            throw new IllegalStateException(
                    "Unknown detector log entry (version "
                            + (entry.length > 0 ? entry[0] : -1)
                            + ", "
                            + entry.length
                            + " bytes); this build reads version "
                            + VERSION);
        }
    }
}
