package dev.riffle.jobs.sqlrunner;

import dev.riffle.common.config.ConfigSchema;
import dev.riffle.common.config.GroupSpec;
import dev.riffle.common.config.OptionSpec;
import dev.riffle.common.config.Validators;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Configuration of the SQL runner: which script to run, how to treat {@code SET} statements for
 * settings that Managed Service for Apache Flink owns, and the script's variables.
 *
 * <pre>{@code
 * [{"PropertyGroupId": "sql-runner", "PropertyMap": {"script": "classpath:sql/alerts.sql"}},
 *  {"PropertyGroupId": "sql-variables", "PropertyMap": {"events.stream.arn": "arn:aws:kinesis:..."}}]
 * }</pre>
 */
@PublicEvolving
public final class SqlRunnerOptions {

    /** Property group of the runner's own settings. */
    public static final String RUNNER_GROUP = "sql-runner";

    /** Property group whose keys are the script's variables. */
    public static final String VARIABLES_GROUP = "sql-variables";

    /** What to do with a {@code SET} of a key that MSF does not let application code set. */
    @PublicEvolving
    public enum OwnedSetting {
        /** Log a warning and go on: the script also runs in the SQL client, where it applies. */
        SKIP,
        /** Stop with an error naming the statement. */
        FAIL
    }

    public static final ConfigOption<String> SCRIPT =
            ConfigOptions.key("script")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The script to run: classpath:sql/<name>.sql for a script packaged in"
                                    + " the runner jar (every file of sql/ is), an s3://bucket/key"
                                    + " or other Flink file system URI, or a local file path.");

    public static final ConfigOption<String> JOB_NAME =
            ConfigOptions.key("job.name")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Name of the Flink job. Default: 'riffle-sql: ' followed by the"
                                    + " script's file name.");

    public static final ConfigOption<OwnedSetting> OWNED_SETTING =
            ConfigOptions.key("owned-setting")
                    .enumType(OwnedSetting.class)
                    .defaultValue(OwnedSetting.SKIP)
                    .withDescription(
                            "What a SET statement for a key that Managed Service for Apache Flink"
                                + " does not let code set (checkpointing, state backend,"
                                + " parallelism, restart strategy, ...) does: SKIP logs a warning"
                                + " and goes on (the key is set on the MSF application instead),"
                                + " FAIL stops the job.");

    public static final ConfigSchema SCHEMA =
            ConfigSchema.builder("sql-runner")
                    .group(
                            GroupSpec.builder(RUNNER_GROUP)
                                    .description("Which SQL script the job runs and how.")
                                    .option(
                                            OptionSpec.required(SCRIPT)
                                                    .validatedBy(Validators.notBlank()))
                                    .optional(JOB_NAME)
                                    .optional(OWNED_SETTING)
                                    .build())
                    .group(
                            GroupSpec.builder(VARIABLES_GROUP)
                                    .optional()
                                    .acceptUndeclaredKeys()
                                    .description(
                                            "Variables of the script: each key K replaces ${K} in"
                                                    + " the script (for example"
                                                    + " events.stream.arn).")
                                    .build())
                    .build();

    private SqlRunnerOptions() {}
}
