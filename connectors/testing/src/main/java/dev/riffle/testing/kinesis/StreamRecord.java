package dev.riffle.testing.kinesis;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A record as the plain AWS SDK read it back from a stream, with the shard it came from. Tests use
 * it to check what a sink wrote independently of Riffle's own source.
 */
public record StreamRecord(
        String shardId,
        String partitionKey,
        String sequenceNumber,
        byte[] data,
        Instant approximateArrival) {

    /** The data as UTF-8 text. */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
