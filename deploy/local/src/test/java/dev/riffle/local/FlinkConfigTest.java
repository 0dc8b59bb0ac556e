package dev.riffle.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FlinkConfigTest {
    private final Path repo = Path.of(System.getProperty("riffle.repo.root"));

    @Test
    void theShippedConfigBindsEveryPortToLoopbackAndKeepsStateUnderTheStateFolder()
            throws Exception {
        Path state = Files.createTempDirectory("riffle-state");

        FlinkConfig config = FlinkConfig.render(new Layout(repo, state), Map.of());

        for (String key :
                List.of(
                        "jobmanager.rpc.address",
                        "jobmanager.bind-host",
                        "taskmanager.host",
                        "taskmanager.bind-host",
                        "rest.address",
                        "rest.bind-address")) {
            assertThat(config.get(key, null)).as(key).isEqualTo("127.0.0.1");
        }
        assertThat(config.restUrl()).isEqualTo("http://127.0.0.1:8081");
        assertThat(config.get("state.backend.type", null)).isEqualTo("rocksdb");
        assertThat(config.get("execution.checkpointing.incremental", null)).isEqualTo("true");
        assertThat(config.get("execution.checkpointing.dir", null))
                .isEqualTo("file://" + state.toAbsolutePath() + "/data/checkpoints");
        assertThat(config.get("io.tmp.dirs", null)).startsWith(state.toAbsolutePath().toString());
        assertThat(config.javaOptions("taskmanager"))
                .contains("--add-opens=java.base/java.util=ALL-UNNAMED");
        assertThat(Files.readString(state.resolve("conf/config.yaml")))
                .doesNotContain("${riffle.home}");
        assertThat(state.resolve("conf/log4j.properties")).exists();
        assertThat(state.resolve("conf/log4j-cli.properties")).exists();
    }

    @Test
    void overridesReplaceTheirKeyInPlaceAndNewKeysAreAppended() throws Exception {
        Path state = Files.createTempDirectory("riffle-state");

        FlinkConfig config =
                FlinkConfig.render(
                        new Layout(repo, state),
                        Map.of("rest.port", "18081", "s3.endpoint", "http://127.0.0.1:4569"));

        assertThat(config.restPort()).isEqualTo(18081);
        assertThat(config.get("s3.endpoint", null)).isEqualTo("http://127.0.0.1:4569");
        List<String> lines = Files.readAllLines(state.resolve("conf/config.yaml"));
        assertThat(lines).containsOnlyOnce("rest.port: 18081").doesNotContain("rest.port: 8081");
    }
}
