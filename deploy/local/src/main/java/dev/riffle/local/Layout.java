package dev.riffle.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things are: the repository (inputs: configuration templates, job jars, the Flink
 * distribution built by {@code deploy/local/flink}) and the state folder (outputs of a running
 * local setup), laid out like a Flink distribution:
 *
 * <pre>
 * state/                 .riffle/ in the repository root, or $RIFFLE_STATE_DIR
 *   lib/ opt/ plugins/   links to deploy/local/flink/target/flink/{lib,opt,plugins}
 *   conf/                config.yaml and log4j files rendered from flink-conf/ by `riffle up`
 *   log/                 one log (and one .out for stdout/stderr) per process
 *   data/                checkpoints, savepoints, emulator data, scratch space
 *   run/                 one record per process `riffle up` started (pid, start time, command marker)
 *   riffle.properties    optional: overrides of deploy/local/riffle.properties
 * </pre>
 */
final class Layout {
    private final Path repo;
    private final Path state;

    Layout(Path repo, Path state) {
        this.repo = repo.toAbsolutePath().normalize();
        this.state = state.toAbsolutePath().normalize();
    }

    /**
     * The layout for this process: {@code -Driffle.repo} (set by the riffle script) and {@code
     * RIFFLE_STATE_DIR}.
     */
    static Layout fromEnvironment() {
        String repo = System.getProperty("riffle.repo");
        if (repo == null) {
            throw new LauncherException(
                    "System property riffle.repo is not set: run the launcher through"
                            + " deploy/local/riffle.");
        }
        String home = System.getenv("RIFFLE_STATE_DIR");
        Path repoPath = Path.of(repo);
        return new Layout(
                repoPath,
                home == null || home.isBlank() ? repoPath.resolve(".riffle") : Path.of(home));
    }

    Path repo() {
        return repo;
    }

    Path state() {
        return state;
    }

    Path dist() {
        return repo.resolve("deploy/local/flink/target/flink");
    }

    Path lib() {
        return state.resolve("lib");
    }

    Path opt() {
        return state.resolve("opt");
    }

    Path plugins() {
        return state.resolve("plugins");
    }

    Path conf() {
        return state.resolve("conf");
    }

    Path log() {
        return state.resolve("log");
    }

    Path data() {
        return state.resolve("data");
    }

    Path run() {
        return state.resolve("run");
    }

    Path flinkConfTemplate() {
        return repo.resolve("flink-conf");
    }

    Path defaultSettings() {
        return repo.resolve("deploy/local/riffle.properties");
    }

    Path settingsOverrides() {
        return state.resolve("riffle.properties");
    }

    /**
     * The shaded SQL jar of our Kinesis connector, once {@code connectors/kinesis-sql} is built.
     */
    Path kinesisSqlJarDir() {
        return repo.resolve("connectors/kinesis-sql/target");
    }

    /** Fails with the build command if the Flink distribution has not been assembled. */
    void requireDist() {
        if (!Files.isDirectory(dist().resolve("lib"))) {
            throw new LauncherException(
                    "The local Flink distribution is missing ("
                            + dist()
                            + "). Build it with: mvn -B -q -pl deploy/local -am package"
                            + " -DskipTests");
        }
    }
}
