package dev.riffle.jobs.sqlrunner;

import dev.riffle.jobs.sqlrunner.SqlRunnerOptions.OwnedSetting;
import dev.riffle.jobs.sqlrunner.script.ScriptVariables;
import dev.riffle.jobs.sqlrunner.script.SqlScript;
import dev.riffle.jobs.sqlrunner.script.SqlScriptException;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.config.TableConfigOptions;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the runner does with each kind of statement, and how it reports the one that fails. */
class SqlRunnerTest {

    private static final String SOURCE =
            "CREATE TABLE numbers (n BIGINT) WITH ('connector' = 'datagen',"
                    + " 'number-of-rows' = '5');\n";

    private final TableEnvironment tableEnv =
            TableEnvironment.create(EnvironmentSettings.inStreamingMode());

    @Test
    void namesTheStatementAndLineWhoseTableCannotBeBuilt() {
        String script =
                SOURCE
                        + "\n"
                        + "CREATE TABLE sink (n BIGINT) WITH ('connector' = 'no-such-connector');\n"
                        + "-- the insert is where Flink looks the connector up\n"
                        + "INSERT INTO sink\n"
                        + "SELECT n FROM numbers;\n";

        assertThatThrownBy(() -> run(script, OwnedSetting.SKIP))
                .isInstanceOf(SqlScriptException.class)
                .hasMessageStartingWith(
                        "Statement 3 of test.sql (line 5) failed: INSERT INTO sink ...\n")
                .hasMessageContaining("no-such-connector");
    }

    @Test
    void namesTheStatementWithASyntaxError() {
        assertThatThrownBy(() -> run(SOURCE + "\nCREATE TABLE (;", OwnedSetting.SKIP))
                .hasMessageStartingWith("Statement 2 of test.sql (line 3) failed: CREATE TABLE (\n")
                .hasMessageContaining("parse");
    }

    @Test
    void rejectsAQueryWithoutSink() {
        assertThatThrownBy(() -> run(SOURCE + "SELECT * FROM numbers;", OwnedSetting.SKIP))
                .hasMessage(
                        "Statement 2 of test.sql (line 2) failed: SELECT * FROM numbers\n"
                                + "A query has nowhere to go when a script runs as a job: write"
                                + " its result to a table with INSERT INTO <table> SELECT ...");
    }

    @Test
    void rejectsAddJar() {
        assertThatThrownBy(() -> run("ADD JAR '/tmp/x.jar';", OwnedSetting.SKIP))
                .hasMessageContaining("Jars cannot be added at run time");
    }

    @Test
    void appliesSettingsMsfAllowsAndSkipsThoseItOwns() {
        // No INSERT: the script stops after its settings ran, which is what is checked here.
        String script =
                "SET 'table.local-time-zone' = 'Europe/Paris';\n"
                        + "SET 'execution.checkpointing.interval' = '10 s';\n"
                        + "SET 'sql-client.execution.result-mode' = 'tableau';\n";

        assertThatThrownBy(() -> run(script, OwnedSetting.SKIP))
                .hasMessageStartingWith("Script test.sql has no INSERT statement");

        assertThat(tableEnv.getConfig().get(TableConfigOptions.LOCAL_TIME_ZONE))
                .isEqualTo(ZoneId.of("Europe/Paris").getId());
        assertThat(tableEnv.getConfig().getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .isEmpty();
        assertThat(
                        tableEnv.getConfig()
                                .getConfiguration()
                                .containsKey("sql-client.execution.result-mode"))
                .isFalse();
    }

    @Test
    void failsOnASettingMsfOwnsWhenAskedTo() {
        assertThatThrownBy(() -> run("\nSET 'parallelism.default' = '4';", OwnedSetting.FAIL))
                .hasMessageStartingWith(
                        "Statement 1 of test.sql (line 2) failed: SET 'parallelism.default' ="
                                + " '4'\n'parallelism.default' is owned by Managed Service for"
                                + " Apache Flink");
    }

    @Test
    void reportsAStatementSetThatIsNeverClosed() {
        assertThatThrownBy(() -> run(SOURCE + "BEGIN STATEMENT SET;\n", OwnedSetting.SKIP))
                .hasMessage(
                        "Statement 2 of test.sql (line 2) failed: BEGIN STATEMENT SET\n"
                                + "BEGIN STATEMENT SET; is never closed with END;");
        assertThatThrownBy(() -> run("END;", OwnedSetting.SKIP))
                .hasMessageEndingWith("END without BEGIN STATEMENT SET; before it");
    }

    @Test
    void onlyInsertsMayStandInAStatementSetBlock() {
        assertThatThrownBy(
                        () ->
                                run(
                                        SOURCE
                                                + "EXECUTE STATEMENT SET BEGIN\n"
                                                + "  SELECT 1;\n"
                                                + "END;",
                                        OwnedSetting.SKIP))
                .hasMessage(
                        "Statement 2 of test.sql (line 3) failed: SELECT 1\n"
                                + "Only INSERT statements may stand in a statement set");
    }

    private void run(String script, OwnedSetting owned) {
        new SqlRunner(tableEnv, ScriptVariables.of(Map.of(), "test variables"), owned)
                .run(SqlScript.parse("test.sql", script));
    }
}
