package dev.riffle.jobs.sqlrunner;

import dev.riffle.common.msf.MsfProgrammaticConfig;
import dev.riffle.jobs.sqlrunner.SqlRunnerOptions.OwnedSetting;
import dev.riffle.jobs.sqlrunner.script.ScriptVariables;
import dev.riffle.jobs.sqlrunner.script.SqlScript;
import dev.riffle.jobs.sqlrunner.script.SqlScriptException;
import dev.riffle.jobs.sqlrunner.script.SqlStatement;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.util.ExceptionUtils;
import org.apache.flink.util.Preconditions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a {@link SqlScript} on a {@link TableEnvironment} as one job, statement by statement:
 *
 * <ul>
 *   <li>DDL and catalog statements ({@code CREATE}, {@code DROP}, {@code ALTER}, {@code USE},
 *       {@code SHOW}, {@code EXPLAIN}, ...) run at once, in order;
 *   <li>every {@code INSERT} (alone, after {@code BEGIN STATEMENT SET;}, or inside {@code EXECUTE
 *       STATEMENT SET BEGIN ... END;}) joins one statement set, submitted at the end as the
 *       script's single job: a Managed Service for Apache Flink application runs one job. Each
 *       INSERT is planned on its own as it is read, so an error points at its statement;
 *   <li>{@code SET 'key' = 'value'} applies to the table configuration when MSF lets code set the
 *       key ({@link MsfProgrammaticConfig}); other keys (checkpointing, parallelism, ...) are
 *       skipped with a warning or fail, per {@link SqlRunnerOptions#OWNED_SETTING}; SQL client keys
 *       ({@code sql-client.*}) are skipped.
 * </ul>
 *
 * <p>A statement that fails stops the script with a {@link SqlScriptException} naming the
 * statement, its line and the cause. Statements are quoted as written, before variables are
 * substituted. A top-level query ({@code SELECT}) and {@code ADD JAR} are rejected: a job has
 * nowhere to print a query, and MSF cannot load jars at run time.
 */
@PublicEvolving
public final class SqlRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SqlRunner.class);

    private static final Pattern SET =
            Pattern.compile(
                    "(?is)SET\\s+(?:'((?:[^']|'')*)'|([^\\s=]+))\\s*=\\s*(?:'((?:[^']|'')*)'|(.*?))\\s*");
    private static final Pattern RESET =
            Pattern.compile("(?is)RESET\\s+(?:'((?:[^']|'')*)'|([^\\s=]+))\\s*");

    private final TableEnvironment tableEnv;
    private final ScriptVariables variables;
    private final OwnedSetting ownedSetting;

    public SqlRunner(TableEnvironment tableEnv, ScriptVariables variables, OwnedSetting owned) {
        this.tableEnv = Preconditions.checkNotNull(tableEnv, "tableEnv");
        this.variables = Preconditions.checkNotNull(variables, "variables");
        this.ownedSetting = Preconditions.checkNotNull(owned, "owned");
    }

    /**
     * Runs every statement and submits the script's inserts as one job.
     *
     * @return the result of submitting that job (its job client)
     * @throws SqlScriptException naming the failing statement and line
     */
    public TableResult run(SqlScript script) {
        String name = script.name();
        StatementSet inserts = tableEnv.createStatementSet();
        List<SqlStatement> added = new ArrayList<>();
        SqlStatement openSet = null;
        for (SqlStatement statement : script.statements()) {
            String sql = variables.substitute(name, statement);
            List<String> words = Keywords.leading(sql, 3);
            String first = words.isEmpty() ? "" : words.get(0);
            LOG.info("Running {} of {}", statement, name);
            try {
                if (statement.isStatementSetBlock()) {
                    for (SqlStatement inner : statement.statementSetBody()) {
                        addInsert(inserts, name, inner, variables.substitute(name, inner));
                        added.add(inner);
                    }
                } else if (words.equals(List.of("BEGIN", "STATEMENT", "SET"))) {
                    if (openSet != null) {
                        throw SqlScriptException.at(
                                name,
                                statement,
                                "A statement set is already open (BEGIN STATEMENT SET at line "
                                        + openSet.line()
                                        + "); close it with END; first",
                                null);
                    }
                    openSet = statement;
                } else if (words.equals(List.of("END"))) {
                    if (openSet == null) {
                        throw SqlScriptException.at(
                                name,
                                statement,
                                "END without BEGIN STATEMENT SET; before it",
                                null);
                    }
                    openSet = null;
                } else if (first.equals("INSERT")
                        || (first.equals("EXECUTE")
                                && words.size() > 1
                                && words.get(1).equals("INSERT"))) {
                    addInsert(inserts, name, statement, sql);
                    added.add(statement);
                } else if (first.equals("SET")) {
                    set(name, statement, sql);
                } else if (first.equals("RESET")) {
                    reset(name, statement, sql);
                } else if (List.of("SELECT", "WITH", "VALUES").contains(first)
                        || (first.equals("EXECUTE") && words.size() > 1)) {
                    throw SqlScriptException.at(
                            name,
                            statement,
                            "A query has nowhere to go when a script runs as a job: write its"
                                    + " result to a table with INSERT INTO <table> SELECT ...",
                            null);
                } else if (first.equals("ADD") || first.equals("REMOVE")) {
                    throw SqlScriptException.at(
                            name,
                            statement,
                            "Jars cannot be added at run time on Managed Service for Apache"
                                    + " Flink: connectors and formats must be inside the runner"
                                    + " jar",
                            null);
                } else if (List.of("QUIT", "EXIT", "HELP", "CLEAR").contains(first)) {
                    LOG.warn("Skipping SQL client command {} of {}", statement, name);
                } else {
                    tableEnv.executeSql(sql);
                }
            } catch (SqlScriptException e) {
                throw e;
            } catch (RuntimeException e) {
                throw SqlScriptException.at(name, statement, causes(e), e);
            }
        }
        if (openSet != null) {
            throw SqlScriptException.at(
                    name, openSet, "BEGIN STATEMENT SET; is never closed with END;", null);
        }
        if (added.isEmpty()) {
            throw new SqlScriptException(
                    String.format(
                            "Script %s has no INSERT statement, so there is no job to run. Write"
                                    + " results with INSERT INTO <table> SELECT ...",
                            name));
        }
        try {
            return inserts.execute();
        } catch (RuntimeException e) {
            throw new SqlScriptException(
                    String.format(
                            "The job of script %s (the INSERT %s at %s) could not be"
                                    + " submitted:%n%s",
                            name,
                            added.size() > 1 ? "statements" : "statement",
                            String.join(", ", added.stream().map(s -> "line " + s.line()).toList()),
                            causes(e)),
                    e);
        }
    }

    private void addInsert(StatementSet set, String name, SqlStatement statement, String sql) {
        List<String> words = Keywords.leading(sql, 2);
        String insert =
                words.size() > 1 && words.get(0).equals("EXECUTE")
                        ? sql.substring(sql.toUpperCase(Locale.ROOT).indexOf("INSERT"))
                        : sql;
        if (!Keywords.leading(insert, 1).equals(List.of("INSERT"))) {
            throw SqlScriptException.at(
                    name, statement, "Only INSERT statements may stand in a statement set", null);
        }
        try {
            // Flink looks up connectors only when it plans the whole set; planning each INSERT
            // on its own first pins a missing connector or a bad option on its statement.
            tableEnv.explainSql(insert);
            set.addInsertSql(insert);
        } catch (RuntimeException e) {
            throw SqlScriptException.at(name, statement, causes(e), e);
        }
    }

    private void set(String name, SqlStatement statement, String sql) {
        Matcher m = SET.matcher(sql.strip());
        if (!m.matches()) {
            if (Keywords.leading(sql, 2).size() == 1) {
                return; // "SET;" lists the settings in the SQL client; nothing to do in a job.
            }
            throw SqlScriptException.at(name, statement, "Expected SET 'key' = 'value'", null);
        }
        String key = m.group(1) != null ? m.group(1).replace("''", "'") : m.group(2);
        String value = m.group(3) != null ? m.group(3).replace("''", "'") : m.group(4);
        if (key.startsWith("sql-client.")) {
            LOG.info("Skipping SQL client setting {} of {} ({})", key, name, statement);
            return;
        }
        if (!MsfProgrammaticConfig.isAllowed(key)) {
            String why =
                    String.format(
                            "'%s' is owned by Managed Service for Apache Flink, which rejects it"
                                    + " when set by the application: set it on the MSF"
                                    + " application (checkpointing, parallelism) or, locally, in"
                                    + " the cluster's config.yaml",
                            key);
            if (ownedSetting == OwnedSetting.FAIL) {
                throw SqlScriptException.at(name, statement, why, null);
            }
            LOG.warn("Skipping {} of {}: {}", statement, name, why);
            return;
        }
        if (key.equals(ExecutionOptions.RUNTIME_MODE.key())) {
            setRuntimeMode(name, statement, value);
            return;
        }
        tableEnv.getConfig().set(key, value);
    }

    /**
     * A table environment's mode is fixed when it is created: {@link SqlRunnerJob} reads a leading
     * {@code SET 'execution.runtime-mode'} before creating it, so here it only has to agree.
     */
    private void setRuntimeMode(String name, SqlStatement statement, String value) {
        RuntimeExecutionMode current = tableEnv.getConfig().get(ExecutionOptions.RUNTIME_MODE);
        if (!current.name().equalsIgnoreCase(value.trim())) {
            throw SqlScriptException.at(
                    name,
                    statement,
                    String.format(
                            "The runtime mode is fixed once the script has started (it is %s);"
                                    + " set 'execution.runtime-mode' before any other statement",
                            current.name().toLowerCase(Locale.ROOT)),
                    null);
        }
    }

    /**
     * The runtime mode a script asks for with {@code SET 'execution.runtime-mode' = '...'} before
     * its first statement of another kind, if it does.
     */
    public static Optional<RuntimeExecutionMode> leadingRuntimeMode(SqlScript script) {
        Optional<RuntimeExecutionMode> mode = Optional.empty();
        for (SqlStatement statement : script.statements()) {
            if (!Keywords.leading(statement.text(), 1).equals(List.of("SET"))) {
                break;
            }
            Matcher m = SET.matcher(statement.text().strip());
            if (m.matches()) {
                String key = m.group(1) != null ? m.group(1) : m.group(2);
                String value = m.group(3) != null ? m.group(3) : m.group(4);
                if (key.equals(ExecutionOptions.RUNTIME_MODE.key())) {
                    for (RuntimeExecutionMode candidate : RuntimeExecutionMode.values()) {
                        if (candidate.name().equalsIgnoreCase(value.trim())) {
                            mode = Optional.of(candidate);
                        }
                    }
                }
            }
        }
        return mode;
    }

    private void reset(String name, SqlStatement statement, String sql) {
        Matcher m = RESET.matcher(sql.strip());
        if (!m.matches()) {
            throw SqlScriptException.at(name, statement, "Expected RESET 'key'", null);
        }
        String key = m.group(1) != null ? m.group(1).replace("''", "'") : m.group(2);
        if (MsfProgrammaticConfig.isAllowed(key)) {
            tableEnv.getConfig().getConfiguration().removeKey(key);
        }
    }

    /** The messages of the cause chain, without repeats: Flink wraps the useful one deep down. */
    private static String causes(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null
                    && !message.isBlank()
                    && messages.stream().noneMatch(m -> m.contains(message.strip()))) {
                messages.add(message.strip());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return messages.isEmpty()
                ? ExceptionUtils.stringifyException(e)
                : String.join(System.lineSeparator() + "Caused by: ", messages);
    }
}
