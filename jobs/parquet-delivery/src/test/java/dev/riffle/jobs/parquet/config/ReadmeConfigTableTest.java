package dev.riffle.jobs.parquet.config;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README documents every configuration key of the job. */
class ReadmeConfigTableTest {

    @Test
    void readmeListsEveryKey() throws Exception {
        Path root = Path.of(System.getProperty("riffle.repo.root", "../.."));
        String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("## Parquet delivery (`jobs/parquet-delivery`)");
        assertThat(start).as("README section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        for (String qualified : ParquetDeliveryConfig.SCHEMA.qualifiedKeys()) {
            int dot = qualified.indexOf('.');
            String group = qualified.substring(0, dot);
            String key = qualified.substring(dot + 1);
            assertThat(section)
                    .as("README row for %s", qualified)
                    .containsPattern(
                            "\\| `"
                                    + java.util.regex.Pattern.quote(group)
                                    + "`[^|]*\\| `"
                                    + java.util.regex.Pattern.quote(key)
                                    + "` \\|");
        }
    }
}
