package dev.riffle.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Checks that a port is free before a process is started on it, and names whoever holds it. */
final class Ports {
    private Ports() {}

    /**
     * A port a process of the local setup listens on, with what it is for and the setting that
     * moves it.
     */
    record Need(int port, String purpose, String setting) {}

    /** Fails with one message naming every busy port, before anything is started. */
    static void requireAllFree(java.util.Collection<Need> needs, Settings settings) {
        List<String> busy = new java.util.ArrayList<>();
        for (Need need : needs) {
            if (!isFree(need.port())) {
                busy.add(
                        "Port "
                                + need.port()
                                + " ("
                                + need.purpose()
                                + ") is in use"
                                + holder(need.port())
                                        .map(h -> " by " + h)
                                        .orElse(" (see: ss -ltnp)")
                                + ": move it with `"
                                + need.setting()
                                + " = <free port>`");
            }
        }
        if (!busy.isEmpty()) {
            throw new LauncherException(
                    "cannot start, ports are busy:\n  "
                            + String.join("\n  ", busy)
                            + "\n"
                            + "Nothing was started. Stop what holds the port(s), or put the"
                            + " setting(s) in "
                            + settings.overrideFile());
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Fails with a message naming the port, its purpose, the process holding it (when /proc tells)
     * and the setting that moves it.
     */
    static void requireFree(int port, String purpose, String setting, Settings settings) {
        if (isFree(port)) {
            return;
        }
        String holder =
                holder(port).map(h -> " by " + h).orElse(" by another process (see: ss -ltnp)");
        throw new LauncherException(
                "Port "
                        + port
                        + " ("
                        + purpose
                        + ") is in use"
                        + holder
                        + ". Stop that process, or move the port: add `"
                        + setting
                        + " = <free port>` to "
                        + settings.overrideFile());
    }

    /**
     * The pid and command line of the process listening on {@code port}, from /proc (Linux only).
     */
    static Optional<String> holder(int port) {
        try {
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                Path path = Path.of(table);
                if (!Files.exists(path)) {
                    continue;
                }
                for (String line : Files.readAllLines(path)) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st ... inode (column 9); 0A is LISTEN
                    if (f.length > 9 && "0A".equals(f[3]) && f[1].contains(":")) {
                        int localPort = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
                        if (localPort == port) {
                            Optional<String> owner = socketOwner(f[9]);
                            if (owner.isPresent()) {
                                return owner;
                            }
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: the caller still reports the busy port.
        }
        return Optional.empty();
    }

    private static Optional<String> socketOwner(String inode) throws IOException {
        String target = "socket:[" + inode + "]";
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                    for (Path fd : fds) {
                        if (target.equals(Files.readSymbolicLink(fd).toString())) {
                            long pid = Long.parseLong(proc.getFileName().toString());
                            String cmd =
                                    ProcessHandle.of(pid)
                                            .flatMap(h -> h.info().commandLine())
                                            .map(ManagedProcess::abbreviate)
                                            .orElse("?");
                            return Optional.of(String.format(Locale.ROOT, "pid %d (%s)", pid, cmd));
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // Not ours to read, or gone: keep looking.
                }
            }
        }
        return Optional.empty();
    }
}
