package dev.riffle.jobs.ingestion;

import dev.riffle.common.config.ConfigSchema;
import dev.riffle.common.config.ConfigSchemaMarkdown;
import dev.riffle.jobs.ingestion.config.IngestionOptions;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** README's table of the ingestion keys is the one the code declares, word for word. */
class ReadmeTest {

    static String table() {
        return ConfigSchemaMarkdown.render(
                ConfigSchema.builder("ingestion").group(IngestionOptions.GROUP_SPEC).build());
    }

    @Test
    void readmeListsEveryIngestionKeyAsDeclared() throws Exception {
        // The table is also written to target/, to paste into README.md when options change.
        Files.writeString(Path.of("target", "ingestion-config-table.md"), table());
        Path readme = Path.of(System.getProperty("riffle.repo.root", "../..")).resolve("README.md");
        assertThat(Files.readString(readme))
                .as("README.md must contain the table ReadmeTest.table() renders")
                .contains(table());
    }
}
