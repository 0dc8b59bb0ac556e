/**
 * Configuration of Riffle jobs: one shape, three ways to supply it, one validation.
 *
 * <p>The shape is Managed Service for Apache Flink's (MSF) application properties: a JSON array of
 * property groups, each {@code {"PropertyGroupId": "kinesis-source", "PropertyMap": {"aws.region":
 * "us-east-1"}}}, every value a string. {@link dev.riffle.common.config.JobConfigLoader} finds it,
 * in this order:
 *
 * <ol>
 *   <li>{@code --config /path/to/file.json} or {@code --config classpath:name.json} on the job's
 *       command line ({@code flink run job.jar --config ...} on a local cluster);
 *   <li>the MSF runtime properties, when {@code /etc/flink/application_properties.json} exists;
 *   <li>the job's default classpath resource (tests and the IDE).
 * </ol>
 *
 * <p>A job declares what it reads in a {@link dev.riffle.common.config.ConfigSchema}: property
 * groups ({@link dev.riffle.common.config.GroupSpec}) of typed Flink {@link
 * org.apache.flink.configuration.ConfigOption}s ({@link dev.riffle.common.config.OptionSpec}), each
 * required or defaulted, optionally validated and optionally secret. Loading checks everything
 * against the schema and reports every problem in one {@link
 * dev.riffle.common.config.InvalidConfigurationException}; secret values are masked in every
 * message, {@code toString()} and log line.
 *
 * <p>Jobs configure only their own behaviour (streams, endpoints, windows, formats). What MSF owns
 * (checkpointing, state backend, parallelism, restart strategy) stays out of job configuration: on
 * MSF it is set on the application, locally in the cluster's {@code config.yaml}.
 */
package dev.riffle.common.config;
