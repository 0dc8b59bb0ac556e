package dev.riffle.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code riffle sql <script.sql> [--var name=value]... [--jar JAR]...}: runs a script in the real
 * Flink SQL client ({@code SqlClient -f}) against the local cluster, with the Kinesis SQL connector
 * jar shipped with the statements ({@code --jar}) once connectors/kinesis-sql exists, and {@code
 * ${name}} placeholders filled in.
 */
final class SqlCommand {
    static final String KINESIS_SQL_MODULE = "connectors/kinesis-sql";

    /**
     * How the SQL client reports a statement of a -f script that failed (its exit code stays 0).
     */
    static final String STATEMENT_FAILED = "[ERROR] Could not execute SQL statement";

    private final Layout layout;
    private final PrintStream out;

    SqlCommand(Layout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    int run(List<String> args) {
        if (args.isEmpty()) {
            return interactive();
        }
        Path script = Path.of(args.get(0)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(script)) {
            throw new LauncherException("SQL script " + script + " does not exist.");
        }
        Map<String, String> variables = new LinkedHashMap<>(variables());
        List<Path> jars = new ArrayList<>();
        kinesisSqlJar().ifPresent(jars::add);
        long untilRows = 0;
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (i + 1 < args.size() && arg.equals("--var")) {
                String assignment = args.get(++i);
                int eq = assignment.indexOf('=');
                if (eq <= 0) {
                    throw new LauncherException(
                            "Invalid --var " + assignment + ": expected name=value.");
                }
                variables.put(assignment.substring(0, eq), assignment.substring(eq + 1));
            } else if (i + 1 < args.size() && arg.equals("--jar")) {
                jars.add(Path.of(args.get(++i)).toAbsolutePath());
            } else if (i + 1 < args.size() && arg.equals("--until-rows")) {
                String value = args.get(++i);
                try {
                    untilRows = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    untilRows = -1;
                }
                if (untilRows < 1) {
                    throw new LauncherException(
                            "Invalid value "
                                    + value
                                    + " for --until-rows: expected a number of rows >= 1.");
                }
            } else {
                throw new LauncherException(
                        "Unknown argument "
                                + arg
                                + ". Usage: riffle sql <script.sql> [--var name=value]... [--jar"
                                + " JAR]... [--until-rows N]");
            }
        }

        Path rendered = layout.run().resolve("sql").resolve(script.getFileName());
        try {
            String text = Files.readString(script);
            Files.createDirectories(rendered.getParent());
            Files.writeString(rendered, SqlTemplate.render(text, variables, script.toString()));
        } catch (IOException e) {
            throw new LauncherException("Cannot prepare " + script + ": " + e, e);
        }

        // The statement history stays in the state folder, not in the user's home.
        List<String> clientArgs =
                new ArrayList<>(
                        List.of(
                                "--history",
                                layout.data().resolve("sql-client-history").toString()));
        for (Path jar : jars) {
            clientArgs.add("--jar");
            clientArgs.add(jar.toString());
        }
        clientArgs.add("-f");
        clientArgs.add(rendered.toString());
        FlinkConfig config = FlinkConfig.read(layout);
        out.println(
                "riffle: running "
                        + script
                        + " in the Flink SQL client against "
                        + config.restUrl());
        SqlOutputWatcher watcher =
                new SqlOutputWatcher(
                        untilRows, new FlinkRest(config.restUrl()), System.currentTimeMillis());
        int exit =
                new FlinkProcesses(layout, config)
                        .runScriptedClient(
                                "sql-client",
                                FlinkProcesses.SQL_CLIENT_MAIN,
                                true,
                                clientArgs,
                                watcher);
        if (exit == 0 && watcher.failed()) {
            out.println("riffle: a statement of " + script + " failed (see the [ERROR] above)");
            return 1;
        }
        if (exit == 0 && untilRows > 0 && watcher.rows() < untilRows) {
            out.println(
                    "riffle: the script ended after "
                            + watcher.rows()
                            + " streaming rows, fewer than --until-rows "
                            + untilRows);
            return 1;
        }
        return exit;
    }

    /**
     * {@code riffle sql} without a script: the SQL client's interactive shell, with the same jars.
     */
    private int interactive() {
        // The statement history stays in the state folder, not in the user's home.
        List<String> clientArgs =
                new ArrayList<>(
                        List.of(
                                "--history",
                                layout.data().resolve("sql-client-history").toString()));
        kinesisSqlJar()
                .ifPresent(
                        jar -> {
                            clientArgs.add("--jar");
                            clientArgs.add(jar.toString());
                        });
        FlinkConfig config = FlinkConfig.read(layout);
        return new FlinkProcesses(layout, config)
                .runClient("sql-client", FlinkProcesses.SQL_CLIENT_MAIN, true, clientArgs);
    }

    /** The values every script can use as ${name}. */
    Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("riffle.home", layout.state().toString());
        variables.put("riffle.repo", layout.repo().toString());
        variables.put("data.dir", layout.data().toString());
        variables.put("run.id", Long.toString(System.currentTimeMillis()));
        variables.putAll(new Emulators(layout, Settings.load(layout), out).sqlVariables());
        return variables;
    }

    /** The shaded Kinesis SQL jar, built if its module exists and has no jar yet. */
    Optional<Path> kinesisSqlJar() {
        Path module = layout.repo().resolve(KINESIS_SQL_MODULE);
        if (!Files.isRegularFile(module.resolve("pom.xml"))) {
            return Optional.empty();
        }
        Optional<Path> jar = SubmitCommand.findJar(module.resolve("target"));
        if (jar.isEmpty()) {
            if (Maven.buildsDisabled()) {
                // Scripts with built-in connectors still run; one that uses 'kinesis' fails with
                // Flink's reason.
                out.println(
                        "riffle: "
                                + KINESIS_SQL_MODULE
                                + " is not built (RIFFLE_NO_BUILD=1): running without the kinesis"
                                + " connector");
                return Optional.empty();
            }
            Maven.build(layout, KINESIS_SQL_MODULE, out);
            jar = SubmitCommand.findJar(module.resolve("target"));
        }
        return jar;
    }
}
