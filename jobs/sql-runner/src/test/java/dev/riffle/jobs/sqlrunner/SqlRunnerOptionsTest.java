package dev.riffle.jobs.sqlrunner;

import dev.riffle.common.config.GroupSpec;
import dev.riffle.jobs.sqlrunner.SqlRunnerOptions.OwnedSetting;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins every key, default and group of the SQL runner: they are the contract with property files.
 */
class SqlRunnerOptionsTest {

    @Test
    void keysDefaultsAndGroups() {
        assertThat(SqlRunnerOptions.SCHEMA.qualifiedKeys())
                .containsExactly(
                        "sql-runner.script", "sql-runner.job.name", "sql-runner.owned-setting");
        assertThat(SqlRunnerOptions.SCRIPT.hasDefaultValue()).isFalse();
        assertThat(SqlRunnerOptions.JOB_NAME.hasDefaultValue()).isFalse();
        assertThat(SqlRunnerOptions.OWNED_SETTING.defaultValue()).isEqualTo(OwnedSetting.SKIP);

        GroupSpec runner = SqlRunnerOptions.SCHEMA.groupFor("sql-runner").orElseThrow();
        assertThat(runner.isRequired()).isTrue();
        GroupSpec variables = SqlRunnerOptions.SCHEMA.groupFor("sql-variables").orElseThrow();
        assertThat(variables.isRequired()).isFalse();
        assertThat(variables.acceptsUndeclaredKeys()).isTrue();
    }
}
