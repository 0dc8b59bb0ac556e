package dev.riffle.local;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds and starts the Java processes of the local Flink setup the way a distribution's bin/
 * scripts do: the classpath is lib/ (plus opt/ for the SQL client), JVM options come from
 * config.yaml's env.java.* keys, memory flags from Flink's {@code BashJavaUtils}, logging from
 * conf/log4j*.properties into log/.
 */
final class FlinkProcesses {
    static final String JOBMANAGER_MAIN =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASKMANAGER_MAIN =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    static final String CLI_MAIN = "org.apache.flink.client.cli.CliFrontend";
    static final String SQL_CLIENT_MAIN = "org.apache.flink.table.client.SqlClient";
    private static final String BASH_JAVA_UTILS =
            "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String EXEC_RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    private final Layout layout;
    private final FlinkConfig config;

    FlinkProcesses(Layout layout, FlinkConfig config) {
        this.layout = layout;
        this.config = config;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * What bin/taskmanager.sh or bin/jobmanager.sh pass on: JVM memory flags and dynamic -D
     * configs.
     */
    record ResourceParams(List<String> jvmParams, List<String> dynamicConfigs) {}

    /**
     * Runs {@code BashJavaUtils GET_TM_RESOURCE_PARAMS} (or {@code GET_JM_RESOURCE_PARAMS}): its
     * last two result lines are the JVM parameters and the dynamic configurations, exactly as
     * config.sh consumes them.
     */
    ResourceParams resourceParams(String command) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        // A one-shot computation: start fast.
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(classpath(false));
        cmd.add(BASH_JAVA_UTILS);
        cmd.add(command);
        cmd.add("--configDir");
        cmd.add(layout.conf().toString());
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
        builder.environment().putAll(environment());
        String output;
        int exit;
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            exit = process.waitFor();
        } catch (IOException e) {
            throw new LauncherException("Cannot run " + BASH_JAVA_UTILS + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted while computing memory settings", e);
        }
        List<String> results =
                output.lines()
                        .filter(l -> l.startsWith(EXEC_RESULT_PREFIX))
                        .map(l -> l.substring(EXEC_RESULT_PREFIX.length()).trim())
                        .toList();
        if (exit != 0 || results.size() < 2) {
            throw new LauncherException(
                    "Flink could not compute the memory settings from "
                            + layout.conf().resolve("config.yaml")
                            + " (check the *.memory.* keys). BashJavaUtils said:\n"
                            + output.strip());
        }
        return new ResourceParams(
                split(results.get(results.size() - 2)), split(results.get(results.size() - 1)));
    }

    private static List<String> split(String line) {
        return line.isBlank() ? List.of() : List.of(line.trim().split("\\s+"));
    }

    /**
     * Starts a cluster process detached from the launcher (own session, output to log/, no stdin).
     */
    Process startDaemon(
            String role, String mainClass, ResourceParams params, List<String> extraArgs) {
        List<String> cmd = new ArrayList<>();
        // A session of its own: closing the terminal or Ctrl-C in it does not reach the cluster.
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.add(java());
        cmd.addAll(params.jvmParams());
        cmd.addAll(config.javaOptions(role));
        cmd.addAll(logging(role, "log4j.properties"));
        cmd.add("-Driffle.home=" + layout.state());
        cmd.add("-cp");
        cmd.add(classpath(false));
        cmd.add(mainClass);
        cmd.add("--configDir");
        cmd.add(layout.conf().toString());
        cmd.addAll(params.dynamicConfigs());
        cmd.addAll(extraArgs);
        File out = layout.log().resolve("flink-" + role + ".out").toFile();
        ProcessBuilder builder =
                new ProcessBuilder(cmd)
                        .directory(layout.state().toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(out))
                        .redirectError(ProcessBuilder.Redirect.appendTo(out));
        builder.environment().putAll(environment());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new LauncherException("Cannot start the " + role + ": " + e, e);
        }
    }

    /**
     * Runs a client (CLI frontend, SQL client) in the foreground, sharing the terminal; returns its
     * exit code.
     */
    int runClient(String role, String mainClass, boolean withOpt, List<String> args) {
        return run(role, mainClass, withOpt, args, null);
    }

    /**
     * Runs a scripted client in the foreground: its output is passed through line by line to {@code
     * watcher} (which decides whether the run failed), and JLine is told not to expect a terminal.
     */
    int runScriptedClient(
            String role,
            String mainClass,
            boolean withOpt,
            List<String> args,
            java.util.function.Consumer<String> watcher) {
        return run(role, mainClass, withOpt, args, watcher);
    }

    private int run(
            String role,
            String mainClass,
            boolean withOpt,
            List<String> args,
            java.util.function.Consumer<String> watcher) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(config.javaOptions("client"));
        cmd.addAll(logging(role, "log4j-cli.properties"));
        if (watcher != null) {
            // Scripted, not interactive: JLine should not warn that it falls back to a dumb
            // terminal.
            cmd.add("-Dorg.jline.terminal.dumb=true");
        }
        cmd.add("-cp");
        cmd.add(classpath(withOpt));
        cmd.add(mainClass);
        cmd.addAll(args);
        ProcessBuilder builder =
                new ProcessBuilder(cmd).inheritIO().directory(layout.state().toFile());
        if (watcher != null) {
            builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
        }
        builder.environment().putAll(environment());
        try {
            Process process = builder.start();
            if (watcher != null) {
                try (BufferedReader lines =
                        new BufferedReader(
                                new InputStreamReader(
                                        process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        System.out.println(line);
                        watcher.accept(line);
                    }
                }
            }
            return process.waitFor();
        } catch (IOException e) {
            throw new LauncherException("Cannot start " + mainClass + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted while running " + role, e);
        }
    }

    private List<String> logging(String role, String log4jFile) {
        String log4j = layout.conf().resolve(log4jFile).toUri().toString();
        return List.of(
                "-Dlog.file=" + layout.log().resolve("flink-" + role + ".log"),
                "-Dlog4j.configuration=" + log4j,
                "-Dlog4j.configurationFile=" + log4j);
    }

    private String classpath(boolean withOpt) {
        String cp = layout.lib().resolve("*").toString();
        return withOpt ? cp + File.pathSeparator + layout.opt().resolve("*") : cp;
    }

    /**
     * The environment Flink's scripts export: where the configuration, libraries and plugins are.
     */
    Map<String, String> environment() {
        return Map.of(
                "FLINK_HOME", layout.state().toString(),
                "FLINK_CONF_DIR", layout.conf().toString(),
                "FLINK_LIB_DIR", layout.lib().toString(),
                "FLINK_OPT_DIR", layout.opt().toString(),
                "FLINK_PLUGINS_DIR", layout.plugins().toString(),
                "FLINK_LOG_DIR", layout.log().toString());
    }
}
