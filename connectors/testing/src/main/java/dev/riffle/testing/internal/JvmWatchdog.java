package dev.riffle.testing.internal;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point for emulators that run in their own JVM (s3proxy): runs the real main class given as
 * the first argument, and exits this JVM when stdin reaches end-of-file. Stdin is a pipe from the
 * JVM that started us, so when that JVM dies, even by SIGKILL, this one follows instead of being
 * left behind.
 *
 * <p>Usage: {@code java -cp emulator.jar:riffle-connector-testing.jar
 * dev.riffle.testing.internal.JvmWatchdog org.gaul.s3proxy.Main --properties FILE}
 */
public final class JvmWatchdog {
    private JvmWatchdog() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: JvmWatchdog <main class> [args...]");
            System.exit(2);
        }
        Thread watch =
                new Thread(
                        () -> {
                            try (InputStream in = System.in) {
                                byte[] buffer = new byte[256];
                                while (in.read(buffer) >= 0) {
                                    // Nothing is sent on purpose; we only wait for end-of-file.
                                }
                            } catch (Exception ignored) {
                                // A broken pipe means the same thing as end-of-file.
                            }
                            System.err.println("Parent process ended; stopping.");
                            Runtime.getRuntime().halt(0);
                        },
                        "parent-watchdog");
        watch.setDaemon(true);
        watch.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
