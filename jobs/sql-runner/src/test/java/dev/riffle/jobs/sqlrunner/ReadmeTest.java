package dev.riffle.jobs.sqlrunner;

import dev.riffle.common.config.ConfigSchemaMarkdown;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** README's table of the SQL runner's keys is the one the code declares, word for word. */
class ReadmeTest {

    @Test
    void readmeListsEveryKeyAsDeclared() throws Exception {
        String table = ConfigSchemaMarkdown.render(SqlRunnerOptions.SCHEMA);
        // Also written to target/, to paste into README.md when options change.
        Files.writeString(Path.of("target", "sql-runner-config-table.md"), table);
        Path readme = Path.of(System.getProperty("riffle.repo.root", "../..")).resolve("README.md");
        assertThat(Files.readString(readme))
                .as("README.md must contain the table ReadmeTest renders")
                .contains(table);
    }
}
