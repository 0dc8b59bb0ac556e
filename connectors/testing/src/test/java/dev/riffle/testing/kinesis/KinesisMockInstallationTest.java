package dev.riffle.testing.kinesis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The errors a user sees when kinesis-mock cannot run, and the command each one names. */
class KinesisMockInstallationTest {

    @Test
    void missingNodeNamesTheInstallAndTheNpmCommand(@TempDir Path repo) {
        Path packageDir = repo.resolve("node_modules/kinesis-local");
        assertThatThrownBy(() -> KinesisMockInstallation.locate(Optional.empty(), packageDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "kinesis-mock needs Node.js 18 or newer, and `node` is not on the PATH."
                                + " Install Node.js and npm (Debian/Ubuntu: `sudo apt-get install"
                                + " nodejs npm`), then run `npm ci` in "
                                + repo
                                + ".");
    }

    @Test
    void missingPackageSaysToRunNpmCi(@TempDir Path repo) {
        Path packageDir = repo.resolve("node_modules/kinesis-local");
        assertThatThrownBy(() -> KinesisMockInstallation.locate(Optional.of("node"), packageDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "kinesis-mock (npm package kinesis-local 0.6.2) is not installed: "
                                + packageDir.resolve("main.js")
                                + " is missing. Run `npm ci` in "
                                + repo
                                + ".");
    }

    @Test
    void anotherVersionIsRefused(@TempDir Path repo) throws Exception {
        Path packageDir = Files.createDirectories(repo.resolve("node_modules/kinesis-local"));
        Files.writeString(packageDir.resolve("main.js"), "");
        Files.writeString(
                packageDir.resolve("package.json"),
                "{ \"name\" : \"kinesis-local\", \"version\" : \"0.4.8\" }");
        assertThatThrownBy(() -> KinesisMockInstallation.locate(Optional.of("node"), packageDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "kinesis-mock in "
                                + packageDir
                                + " is version 0.4.8, but Riffle pins 0.6.2. Run `npm ci` in "
                                + repo
                                + ".");
    }
}
