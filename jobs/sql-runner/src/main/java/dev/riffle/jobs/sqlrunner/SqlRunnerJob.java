package dev.riffle.jobs.sqlrunner;

import dev.riffle.common.config.ConfigGroup;
import dev.riffle.common.config.JobConfig;
import dev.riffle.common.config.JobConfigLoader;
import dev.riffle.jobs.sqlrunner.script.ScriptVariables;
import dev.riffle.jobs.sqlrunner.script.SqlScript;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * Runs one Flink SQL script as a job: how a script of {@code sql/} becomes a Managed Service for
 * Apache Flink application, unchanged. The script, its variables and the job name come from the
 * job's configuration ({@link SqlRunnerOptions}): MSF runtime properties, or {@code --config
 * file.json} on a local cluster.
 *
 * <pre>
 * flink run riffle-jobs-sql-runner.jar --config sql-runner.json
 * </pre>
 *
 * <p>Checkpointing, the state backend and parallelism come from where the job runs (the MSF
 * application, or the local cluster's {@code config.yaml}); the runner never sets them.
 */
@PublicEvolving
public final class SqlRunnerJob {

    private SqlRunnerJob() {}

    public static void main(String[] args) {
        JobConfig config = JobConfigLoader.builder(SqlRunnerOptions.SCHEMA).build().load(args);
        run(config, StreamExecutionEnvironment.getExecutionEnvironment());
    }

    /** Reads the configured script and submits it on {@code env}; returns the submitted job. */
    public static TableResult run(JobConfig config, StreamExecutionEnvironment env) {
        ConfigGroup runner = config.group(SqlRunnerOptions.RUNNER_GROUP);
        String location = runner.get(SqlRunnerOptions.SCRIPT);
        ClassLoader loader = SqlRunnerJob.class.getClassLoader();
        SqlScript script = SqlScript.parse(location, ScriptSource.read(location, loader));
        ScriptVariables variables =
                ScriptVariables.of(
                        config.group(SqlRunnerOptions.VARIABLES_GROUP).toMap(),
                        "the property group '" + SqlRunnerOptions.VARIABLES_GROUP + "'");

        // Allowed on MSF (execution.runtime-mode is settable by code), and only at creation.
        SqlRunner.leadingRuntimeMode(script).ifPresent(env::setRuntimeMode);
        StreamTableEnvironment tableEnv = StreamTableEnvironment.create(env);
        tableEnv.getConfig()
                .set(
                        PipelineOptions.NAME,
                        runner.getOptional(SqlRunnerOptions.JOB_NAME)
                                .orElse("riffle-sql: " + fileName(location)));
        return new SqlRunner(tableEnv, variables, runner.get(SqlRunnerOptions.OWNED_SETTING))
                .run(script);
    }

    private static String fileName(String location) {
        String path =
                location.startsWith(ScriptSource.CLASSPATH)
                        ? location.substring(ScriptSource.CLASSPATH.length())
                        : location;
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
