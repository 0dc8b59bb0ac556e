package dev.riffle.jobs.sqlrunner.script;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ${name} substitution: in code and strings, not in comments, every unknown name reported. */
class ScriptVariablesTest {

    private static final String WHERE = "the property group 'sql-variables'";

    private final ScriptVariables variables =
            ScriptVariables.of(
                    Map.of(
                            "events.stream.arn",
                            "arn:aws:kinesis:us-east-1:000000000000:stream/events",
                            "window",
                            "5"),
                    WHERE);

    @Test
    void substitutesInStringsAndCodeButNotInComments() {
        SqlStatement statement =
                only(
                        "CREATE TABLE e (x INT) WITH ('stream.arn' = '${events.stream.arn}')"
                                + " -- ${not.defined} in a comment\n"
                                + "/* ${nor.here} */ AS SELECT * FROM t WHERE n > ${window}");

        assertThat(variables.substitute("s.sql", statement))
                .isEqualTo(
                        "CREATE TABLE e (x INT) WITH ('stream.arn' ="
                                + " 'arn:aws:kinesis:us-east-1:000000000000:stream/events')"
                                + " -- ${not.defined} in a comment\n"
                                + "/* ${nor.here} */ AS SELECT * FROM t WHERE n > 5");
    }

    @Test
    void doubledDollarIsALiteral() {
        assertThat(variables.substitute("s.sql", only("SELECT '$${window}'")))
                .isEqualTo("SELECT '${window}'");
    }

    @Test
    void reportsEveryUndefinedVariableWithTheStatementAndTheDefinedNames() {
        SqlStatement statement = only("\n\nSELECT '${a.b}', ${window}, ${c}, ${a.b}");

        assertThatThrownBy(() -> variables.substitute("sql/x.sql", statement))
                .isInstanceOf(SqlScriptException.class)
                .hasMessage(
                        "Statement 1 of sql/x.sql (line 3) failed: SELECT '${a.b}', ${window},"
                                + " ${c}, ${a.b}\n"
                                + "Undefined variables ${a.b}, ${c}. Defined variables:"
                                + " events.stream.arn, window. Define them in "
                                + WHERE);
    }

    @Test
    void rejectsAMalformedReference() {
        assertThatThrownBy(() -> variables.substitute("x.sql", only("SELECT '${a b}'")))
                .hasMessageContaining("Malformed variable reference at '${a b}'': write ${name}")
                .hasMessageContaining("(line 1)");
    }

    @Test
    void rejectsInvalidNames() {
        assertThatThrownBy(() -> ScriptVariables.of(Map.of("a b", "x"), WHERE))
                .hasMessage("Invalid variable name 'a b': use letters, digits, '.', '_' and '-'");
    }

    private static SqlStatement only(String sql) {
        return SqlScript.parse("s.sql", sql).statements().get(0);
    }
}
