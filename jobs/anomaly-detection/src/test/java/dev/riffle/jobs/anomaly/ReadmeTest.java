package dev.riffle.jobs.anomaly;

import dev.riffle.common.config.ConfigSchema;
import dev.riffle.common.config.ConfigSchemaMarkdown;
import dev.riffle.jobs.anomaly.config.AnomalyOptions;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** README's table of the detector keys is the one the code declares, word for word. */
class ReadmeTest {

    static String table() {
        return ConfigSchemaMarkdown.render(
                ConfigSchema.builder("anomaly-detection").group(AnomalyOptions.GROUP_SPEC).build());
    }

    @Test
    void readmeListsEveryDetectorKeyAsDeclared() throws Exception {
        // The table is also written to target/, to paste into README.md when options change.
        Files.writeString(Path.of("target", "anomaly-config-table.md"), table());
        Path readme = Path.of(System.getProperty("riffle.repo.root", "../..")).resolve("README.md");
        assertThat(Files.readString(readme))
                .as("README.md must contain the table ReadmeTest.table() renders")
                .contains(table());
    }
}
