package dev.riffle.connector.kinesis.aws;

import org.apache.flink.annotation.Internal;

import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.util.ArrayList;
import java.util.List;

/**
 * An SDK client together with what it needs closed with it (an assume-role provider owns an STS
 * client, for example). Close the handle, not the client.
 */
@Internal
public final class ClientHandle<C extends SdkAutoCloseable> implements AutoCloseable {
    private final C client;
    private final List<AutoCloseable> resources;

    ClientHandle(C client, List<AutoCloseable> resources) {
        this.client = client;
        this.resources = new ArrayList<>(resources);
    }

    public C client() {
        return client;
    }

    /** Closes the client, then its resources; never throws. */
    @Override
    public void close() {
        client.close();
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception ignored) {
                // Closing is best effort: the client is gone either way.
            }
        }
    }
}
