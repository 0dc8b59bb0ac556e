package dev.riffle.jobs.sqlrunner.script;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Splitting scripts into statements as the SQL client does, keeping each statement's line. */
class SqlScriptTest {

    @Test
    void splitsOnSemicolonsAndKeepsTheLineEachStatementStartsOn() {
        SqlScript script =
                SqlScript.parse(
                        "s.sql",
                        "-- header comment; not a statement\n"
                                + "CREATE TABLE a (x INT) WITH ('connector' = 'datagen');\n"
                                + "\n"
                                + "  /* block; comment */ INSERT INTO b\n"
                                + "  SELECT x FROM a;\n"
                                + "SET 'table.local-time-zone' = 'UTC'");

        assertThat(script.statements())
                .extracting(SqlStatement::number, SqlStatement::line, SqlStatement::text)
                .containsExactly(
                        tuple(1, 2, "CREATE TABLE a (x INT) WITH ('connector' = 'datagen')"),
                        tuple(2, 4, "INSERT INTO b\n  SELECT x FROM a"),
                        tuple(3, 6, "SET 'table.local-time-zone' = 'UTC'"));
    }

    @Test
    void semicolonsInStringsIdentifiersAndCommentsDoNotEndAStatement() {
        SqlScript script =
                SqlScript.parse(
                        "s.sql",
                        "SELECT 'a;b', 'it''s; fine', `col;1`, \"col;2\" -- trailing; comment\n"
                                + "FROM t /* ; */ WHERE x = ';';\n"
                                + "SELECT 1;");

        assertThat(script.statements()).hasSize(2);
        assertThat(script.statements().get(0).text())
                .isEqualTo(
                        "SELECT 'a;b', 'it''s; fine', `col;1`, \"col;2\" -- trailing; comment\n"
                                + "FROM t /* ; */ WHERE x = ';'");
        assertThat(script.statements().get(1).line()).isEqualTo(3);
    }

    @Test
    void anExecuteStatementSetBlockIsOneStatementWithItsInsertsInside() {
        SqlScript script =
                SqlScript.parse(
                        "s.sql",
                        "CREATE TABLE a (x INT);\n"
                            + "execute statement set\n"
                            + "begin\n"
                            + "  INSERT INTO b SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END FROM a;\n"
                            + "  -- a comment; inside\n"
                            + "  INSERT INTO c SELECT x FROM a;\n"
                            + "end;\n"
                            + "SELECT 2;");

        List<SqlStatement> statements = script.statements();
        assertThat(statements).extracting(SqlStatement::line).containsExactly(1, 2, 8);
        SqlStatement block = statements.get(1);
        assertThat(block.isStatementSetBlock()).isTrue();
        assertThat(block.text()).startsWith("execute statement set").endsWith("end");
        assertThat(block.statementSetBody())
                .extracting(SqlStatement::number, SqlStatement::line, SqlStatement::text)
                .containsExactly(
                        tuple(
                                2,
                                4,
                                "INSERT INTO b SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END FROM a"),
                        tuple(2, 6, "INSERT INTO c SELECT x FROM a"));
        assertThat(statements.get(0).isStatementSetBlock()).isFalse();
    }

    @Test
    void sqlClientStatementSetMarkersAreOrdinaryStatements() {
        SqlScript script =
                SqlScript.parse("s.sql", "BEGIN STATEMENT SET;\nINSERT INTO b SELECT 1;\nEND;\n");

        assertThat(script.statements())
                .extracting(SqlStatement::text)
                .containsExactly("BEGIN STATEMENT SET", "INSERT INTO b SELECT 1", "END");
    }

    @Test
    void skipsEmptyStatementsAndCountsLinesAfterCrLf() {
        SqlScript script = SqlScript.parse("s.sql", ";;\r\n-- only a comment;\r\n;\r\nSELECT 1;;");

        assertThat(script.statements())
                .extracting(SqlStatement::number, SqlStatement::line, SqlStatement::text)
                .containsExactly(tuple(1, 4, "SELECT 1"));
    }

    @Test
    void namesWhereAnUnclosedStringCommentOrBlockStarts() {
        assertThatThrownBy(() -> SqlScript.parse("x.sql", "SELECT 1;\nSELECT 'abc;\n"))
                .isInstanceOf(SqlScriptException.class)
                .hasMessage("Unterminated string literal in x.sql starting at line 2, column 8");
        assertThatThrownBy(() -> SqlScript.parse("x.sql", "SELECT 1; /* open\n;"))
                .hasMessage("Unterminated comment /* in x.sql starting at line 1, column 11");
        assertThatThrownBy(() -> SqlScript.parse("x.sql", "\n\nSELECT `a;"))
                .hasMessage(
                        "Unterminated quoted identifier ` in x.sql starting at line 3, column 8");
        assertThatThrownBy(
                        () ->
                                SqlScript.parse(
                                        "x.sql",
                                        "SELECT 1;\nEXECUTE STATEMENT SET BEGIN\nINSERT INTO a"
                                                + " SELECT 1;\n"))
                .hasMessage(
                        "EXECUTE STATEMENT SET block in x.sql starting at line 2 has no END;"
                                + " close it with END;");
        assertThatThrownBy(() -> SqlScript.parse("x.sql", "EXECUTE STATEMENT SET BEGIN END;"))
                .hasMessage(
                        "EXECUTE STATEMENT SET block in x.sql at line 1 is empty; put the INSERT"
                                + " statements to run between BEGIN and END");
    }

    @Test
    void quotesAStatementByItsFirstLine() {
        SqlStatement statement =
                SqlScript.parse("s.sql", "\nINSERT INTO alerts\nSELECT * FROM events;")
                        .statements()
                        .get(0);

        assertThat(statement.summary()).isEqualTo("INSERT INTO alerts ...");
        assertThat(statement).hasToString("statement 1 (line 2): INSERT INTO alerts ...");
    }
}
