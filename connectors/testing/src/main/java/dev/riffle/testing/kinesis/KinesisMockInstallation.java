package dev.riffle.testing.kinesis;

import dev.riffle.testing.internal.ChildProcess;
import dev.riffle.testing.internal.EmulatorVersions;
import dev.riffle.testing.internal.RepoLayout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where kinesis-mock is installed and the Node.js that runs it, checked before anything starts so a
 * missing piece is reported with the exact command that fixes it.
 *
 * <p>The package folder is {@code node_modules/kinesis-local} under the repository root (installed
 * by {@code npm ci} from the project's package-lock.json), or the folder named by the system
 * property {@value #PACKAGE_DIR_PROPERTY}.
 */
public final class KinesisMockInstallation {
    public static final String PACKAGE_DIR_PROPERTY = "riffle.kinesis-mock.dir";
    static final int MIN_NODE_MAJOR = 18;
    private static final Pattern VERSION_FIELD =
            Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

    private final String node;
    private final Path packageDir;

    private KinesisMockInstallation(String node, Path packageDir) {
        this.node = node;
        this.packageDir = packageDir;
    }

    /** The node executable. */
    public String node() {
        return node;
    }

    /** The folder holding kinesis-mock's main.js and server.json. */
    public Path packageDir() {
        return packageDir;
    }

    /** Finds and checks the installation, or throws with the command that fixes it. */
    public static KinesisMockInstallation locate() {
        return locate(ChildProcess.findOnPath("node"), resolvePackageDir());
    }

    /** Checks a given node executable (if any) and package folder. */
    static KinesisMockInstallation locate(Optional<String> nodeExecutable, Path packageDir) {
        String node = nodeExecutable.orElseThrow(() -> nodeMissing(packageDir));
        checkNodeVersion(node, packageDir);
        checkPackage(packageDir);
        return new KinesisMockInstallation(node, packageDir);
    }

    private static Path resolvePackageDir() {
        String configured = System.getProperty(PACKAGE_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path root =
                RepoLayout.repoRoot()
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "Cannot find the Riffle checkout that holds"
                                                    + " kinesis-mock: run from inside it, or set -D"
                                                        + RepoLayout.REPO_ROOT_PROPERTY
                                                        + "=<checkout> or -D"
                                                        + PACKAGE_DIR_PROPERTY
                                                        + "=<folder with main.js>."));
        return root.resolve("node_modules").resolve(EmulatorVersions.kinesisMockPackage());
    }

    private static IllegalStateException nodeMissing(Path packageDir) {
        return new IllegalStateException(
                String.format(
                        "kinesis-mock needs Node.js %d or newer, and `node` is not on the PATH."
                                + " Install Node.js and npm (Debian/Ubuntu: `sudo apt-get install"
                                + " nodejs npm`), then run `npm ci` in %s.",
                        MIN_NODE_MAJOR, repoRootOf(packageDir)));
    }

    private static void checkNodeVersion(String node, Path packageDir) {
        String version;
        try {
            Process p = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
            version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("Could not run `" + node + " --version`: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking the Node.js version", e);
        }
        Matcher m = Pattern.compile("^v?(\\d+)").matcher(version);
        if (!m.find() || Integer.parseInt(m.group(1)) < MIN_NODE_MAJOR) {
            throw new IllegalStateException(
                    String.format(
                            "kinesis-mock needs Node.js %d or newer; `%s --version` says '%s'."
                                    + " Install a newer Node.js, then run `npm ci` in %s.",
                            MIN_NODE_MAJOR, node, version, repoRootOf(packageDir)));
        }
    }

    private static void checkPackage(Path packageDir) {
        String pinned = EmulatorVersions.kinesisMock();
        String fix = "Run `npm ci` in " + repoRootOf(packageDir) + ".";
        if (!Files.isRegularFile(packageDir.resolve("main.js"))) {
            throw new IllegalStateException(
                    String.format(
                            "kinesis-mock (npm package %s %s) is not installed: %s is missing. %s",
                            EmulatorVersions.kinesisMockPackage(),
                            pinned,
                            packageDir.resolve("main.js"),
                            fix));
        }
        String installed = installedVersion(packageDir);
        if (!pinned.equals(installed)) {
            throw new IllegalStateException(
                    String.format(
                            "kinesis-mock in %s is version %s, but Riffle pins %s. %s",
                            packageDir, installed, pinned, fix));
        }
    }

    private static String installedVersion(Path packageDir) {
        try {
            String json =
                    Files.readString(packageDir.resolve("package.json"), StandardCharsets.UTF_8);
            Matcher m = VERSION_FIELD.matcher(json);
            return m.find() ? m.group(1) : "unknown";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static Path repoRootOf(Path packageDir) {
        Path parent = packageDir.getParent();
        if (parent != null && parent.getFileName().toString().equals("node_modules")) {
            return parent.getParent();
        }
        return RepoLayout.repoRoot().orElse(packageDir);
    }
}
