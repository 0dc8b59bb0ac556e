package dev.riffle.testing.internal;

import java.util.ArrayList;
import java.util.List;

/** The SDK clients an emulator handed out, closed with it. */
public final class Clients {
    private final List<AutoCloseable> clients = new ArrayList<>();

    /** Remembers {@code client} for {@link #closeAll}; returns it. */
    public synchronized <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }

    /** Closes every client handed out; a client of a stopped emulator cannot fail usefully. */
    public synchronized void closeAll() {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception ignored) {
                // Nothing useful to do about a client of a stopped emulator.
            }
        }
        clients.clear();
    }
}
