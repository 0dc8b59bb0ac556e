package dev.riffle.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How {@code riffle submit} hands a job its configuration file. */
class SubmitConfigTest {
    @TempDir Path state;

    private SubmitCommand submit() throws Exception {
        Files.write(state.resolve("riffle.properties"), List.of("kinesis.port = 14567"));
        Path repo = Path.of(System.getProperty("riffle.repo.root")).toAbsolutePath();
        return new SubmitCommand(
                new Layout(repo, state), new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void placeholdersAreFilledWithTheLaunchersSettingsIntoTheStateFolder() throws Exception {
        Path config = state.resolve("job.json");
        Files.writeString(
                config,
                "[{\"PropertyGroupId\": \"raw-events\", \"PropertyMap\": {"
                        + "\"stream.arn\": \"${kinesis.stream-arn-prefix}raw-events\","
                        + " \"aws.endpoint\": \"${kinesis.endpoint}\","
                        + " \"db\": \"${riffle.repo}/node_modules/x.mmdb\"}}]");

        String rendered = submit().configFile(config.toString());

        assertThat(Path.of(rendered)).isEqualTo(state.resolve("run/config/job.json"));
        assertThat(Files.readString(Path.of(rendered)))
                .contains("\"arn:aws:kinesis:us-east-1:000000000000:stream/raw-events\"")
                .contains("\"http://127.0.0.1:14567\"")
                .contains(
                        "\""
                                + Path.of(System.getProperty("riffle.repo.root")).toAbsolutePath()
                                + "/node_modules/x.mmdb\"");
    }

    @Test
    void aFileWithoutPlaceholdersIsPassedAsItIs() throws Exception {
        Path config = state.resolve("plain.json");
        Files.writeString(config, "[]");

        assertThat(submit().configFile(config.toString())).isEqualTo(config.toString());
    }

    @Test
    void anUnknownPlaceholderIsNamed() throws Exception {
        Path config = state.resolve("bad.json");
        Files.writeString(config, "[\n{\"x\": \"${kinesis.endpiont}\"}]");

        assertThatThrownBy(() -> submit().configFile(config.toString()))
                .hasMessageContaining(
                        "Unknown variable ${kinesis.endpiont} in " + config + " line 2")
                .hasMessageContaining("kinesis.endpoint");
    }

    @Test
    void aJobModuleGetsItsLocalConfiguration() throws Exception {
        assertThat(submit().localConfig("ingestion"))
                .isEqualTo(
                        Path.of(System.getProperty("riffle.repo.root"))
                                .toAbsolutePath()
                                .resolve("deploy/local/config/ingestion.json"));
    }
}
