package dev.riffle.connector.kinesis.source.reader.internal;

import dev.riffle.connector.kinesis.aws.StreamAddress;
import dev.riffle.connector.kinesis.source.proxy.StreamProxy;

import org.apache.flink.annotation.Internal;

import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.io.IOException;

/**
 * What a ResourceNotFound on a shard read means, asked of ListShards before a reader acts on it:
 * only a shard the stream no longer lists (past the retention period) is finished. A stream that is
 * gone fails the reader, so the job does not quietly finish every shard of a deleted stream and
 * idle; a shard that is still listed is retried like a transient error.
 */
@Internal
public enum ShardExistence {
    /** No longer listed: read to the end of what can be read. */
    GONE,
    /** Still listed: the error was not about the shard being gone. */
    LISTED,
    /** ListShards failed too (throttling, a network error): decide on a later attempt. */
    UNKNOWN;

    /**
     * Asks ListShards about {@code shardId}.
     *
     * @throws IOException if the stream itself no longer exists
     */
    public static ShardExistence of(StreamProxy proxy, String shardId, StreamAddress stream)
            throws IOException {
        try {
            for (Shard shard : proxy.listShards()) {
                if (shard.shardId().equals(shardId)) {
                    return LISTED;
                }
            }
            return GONE;
        } catch (ResourceNotFoundException e) {
            throw new IOException(
                    "Kinesis stream "
                            + stream
                            + " no longer exists (deleted, or the wrong account or region), found"
                            + " while reading shard "
                            + shardId
                            + ": "
                            + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            return UNKNOWN;
        }
    }
}
