package dev.riffle.testdata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorMainTest {

    @Test
    void writesRecordsAndLabelsToFiles(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("records.jsonl");
        Path labels = dir.resolve("labels.jsonl");
        GeneratorMain.main(
                new String[] {
                    "--out",
                    out.toString(),
                    "--labels",
                    labels.toString(),
                    "--count",
                    "300",
                    "--time-scale",
                    "0",
                    "--start",
                    "2026-03-01T09:00:00Z",
                    "--rate",
                    "20"
                });
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(300);
        assertThat(lines.get(0)).contains("\"partitionKey\":").contains("\"dataBase64\":");
        assertThat(Files.readAllLines(labels))
                .hasSize(3)
                .allSatisfy(l -> assertThat(l).contains("\"start\":\"2026-03-01T"));
    }

    @Test
    void readsDurationsAsPeopleWriteThem() {
        assertThat(GeneratorMain.duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GeneratorMain.duration("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(GeneratorMain.duration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(GeneratorMain.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(GeneratorMain.duration("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> GeneratorMain.duration("soon"))
                .hasMessage("'soon' is not a duration. Accepted: 90s, 10m, 2h, 500ms, PT10M");
    }

    @Test
    void refusesBothAnomalySchedules() throws Exception {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status =
                GeneratorMain.run(
                        new String[] {
                            "--out", "unused.jsonl", "--anomalies", "2", "--anomaly-every", "30s"
                        },
                        System.out,
                        new java.io.PrintStream(
                                err, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .startsWith(
                        "Give at most one of --anomalies (N of each kind, spread over the run) or"
                                + " --anomaly-every (one every D).");
    }

    @Test
    void rejectsUnknownOptions() {
        assertThatThrownBy(() -> GeneratorMain.parse(new String[] {"--speed", "3"}))
                .hasMessage("Unknown option '--speed'.");
        assertThatThrownBy(() -> GeneratorMain.parse(new String[] {"--rate"}))
                .hasMessage("Option --rate needs a value.");
    }
}
