package dev.riffle.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProduceCommandTest {
    private static final Settings SETTINGS =
            new Settings(
                    Map.of(Settings.KINESIS_PORT, "14567", Settings.AWS_REGION, "eu-west-1"),
                    Path.of("/state/riffle.properties"));

    @Test
    void withoutATargetItWritesToTheLocalRawEventsStream() {
        assertThat(ProduceCommand.arguments(List.of("--rate", "50", "--count", "300"), SETTINGS))
                .containsExactly(
                        "--rate",
                        "50",
                        "--count",
                        "300",
                        "--stream",
                        "raw-events",
                        "--endpoint",
                        "http://127.0.0.1:14567",
                        "--region",
                        "eu-west-1");
    }

    @Test
    void theUsersStreamEndpointAndRegionWin() {
        List<String> args =
                List.of(
                        "--stream",
                        "other",
                        "--endpoint",
                        "https://kinesis.eu-central-1.amazonaws.com",
                        "--region",
                        "eu-central-1",
                        "--seed",
                        "7");
        assertThat(ProduceCommand.arguments(args, SETTINGS)).isEqualTo(args);
        assertThat(ProduceCommand.arguments(List.of("--stream", "other"), SETTINGS))
                .containsExactly(
                        "--stream",
                        "other",
                        "--endpoint",
                        "http://127.0.0.1:14567",
                        "--region",
                        "eu-west-1");
    }

    @Test
    void aFileTargetAndHelpNeedNoEmulator() {
        assertThat(ProduceCommand.arguments(List.of("--out", "r.jsonl"), SETTINGS))
                .containsExactly("--out", "r.jsonl");
        assertThat(ProduceCommand.arguments(List.of("--help"), SETTINGS)).containsExactly("--help");
    }
}
