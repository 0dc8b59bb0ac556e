package dev.riffle.local;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * Builds a module the launcher needs (a job jar, the Kinesis SQL jar) with a reactor build, never
 * install.
 */
final class Maven {
    private Maven() {}

    /** RIFFLE_NO_BUILD=1: the caller built everything (tests do); never start a nested build. */
    static boolean buildsDisabled() {
        return "1".equals(System.getenv("RIFFLE_NO_BUILD"));
    }

    static void build(Layout layout, String module, PrintStream out) {
        if (buildsDisabled()) {
            throw new LauncherException(
                    module
                            + " is not built and RIFFLE_NO_BUILD=1. Build it with: mvn -B -q -pl "
                            + module
                            + " -am package -DskipTests");
        }
        List<String> cmd =
                List.of("mvn", "-B", "-q", "-pl", module, "-am", "package", "-DskipTests");
        out.println("riffle: building " + module + ": " + String.join(" ", cmd));
        try {
            int exit =
                    new ProcessBuilder(cmd)
                            .directory(layout.repo().toFile())
                            .inheritIO()
                            .start()
                            .waitFor();
            if (exit != 0) {
                throw new LauncherException("Building " + module + " failed (exit " + exit + ").");
            }
        } catch (IOException e) {
            throw new LauncherException("Cannot run mvn (is Maven on the PATH?): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted while building " + module, e);
        }
    }
}
