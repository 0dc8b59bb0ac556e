package dev.riffle.local;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlTemplateTest {
    private static final Map<String, String> VARIABLES =
            Map.of("kinesis.endpoint", "http://127.0.0.1:4567", "lake", "s3://riffle-lake");

    @Test
    void fillsEveryPlaceholderAndKeepsTheRestOfTheScript() {
        String script =
                "CREATE TABLE t WITH ('aws.endpoint' = '${kinesis.endpoint}',\n"
                        + " 'path' = '${lake}/x');\n";

        assertThat(SqlTemplate.render(script, VARIABLES, "t.sql"))
                .isEqualTo(
                        "CREATE TABLE t WITH ('aws.endpoint' = 'http://127.0.0.1:4567',\n"
                                + " 'path' = 's3://riffle-lake/x');\n");
    }

    @Test
    void valuesAreInsertedLiterallyEvenWithDollarSigns() {
        assertThat(SqlTemplate.render("'${v}'", Map.of("v", "a$1\\b"), "t.sql"))
                .isEqualTo("'a$1\\b'");
    }

    @Test
    void anUnknownPlaceholderNamesTheLineAndTheKnownVariables() {
        assertThatThrownBy(
                        () ->
                                SqlTemplate.render(
                                        "SELECT 1;\nSELECT '${lkae}';", VARIABLES, "s.sql"))
                .isInstanceOf(LauncherException.class)
                .hasMessage(
                        "Unknown variable ${lkae} in s.sql line 2. Pass it with --var lkae=VALUE,"
                                + " or use one of: kinesis.endpoint, lake");
    }
}
