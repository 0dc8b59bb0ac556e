package dev.riffle.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Free loopback ports for a launcher under test, and the {@code riffle.properties} lines that give
 * them to it, so integration tests run beside a user's cluster on the default ports.
 */
final class LauncherPorts {
    private static final List<String> KEYS =
            List.of(
                    "flink.rest.port",
                    "flink.jobmanager.rpc.port",
                    "flink.blob.server.port",
                    "flink.taskmanager.rpc.port",
                    "flink.taskmanager.data.port",
                    "query.service.first",
                    "query.service.second",
                    "kinesis.port",
                    "kinesis.tls.port",
                    "s3.port");

    private final Map<String, Integer> ports;

    private LauncherPorts(Map<String, Integer> ports) {
        this.ports = Collections.unmodifiableMap(ports);
    }

    /** The launcher's ports plus {@code extraKeys}, each a distinct port that was free just now. */
    static LauncherPorts allocate(String... extraKeys) throws IOException {
        List<String> keys = new ArrayList<>(KEYS);
        keys.addAll(List.of(extraKeys));
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (String key : keys) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports.put(key, socket.getLocalPort());
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
        return new LauncherPorts(ports);
    }

    Map<String, Integer> ports() {
        return ports;
    }

    /**
     * A new list: one {@code key = port} line per port, the two query-service ports as one range.
     */
    List<String> settings() {
        List<String> settings = new ArrayList<>();
        ports.forEach(
                (key, port) -> {
                    if (!key.startsWith("query.service")) {
                        settings.add(key + " = " + port);
                    }
                });
        settings.add(
                "flink.metrics.internal.query-service.port = "
                        + ports.get("query.service.first")
                        + ","
                        + ports.get("query.service.second"));
        return settings;
    }
}
