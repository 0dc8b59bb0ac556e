package dev.riffle.jobs.sqlrunner;

import dev.riffle.common.config.JobConfig;
import dev.riffle.common.config.JobConfigLoader;
import dev.riffle.connector.kinesis.table.KinesisDynamicTableFactory;
import dev.riffle.testing.Await;
import dev.riffle.testing.LocalAws;
import dev.riffle.testing.flink.LocalFlinkCluster;
import dev.riffle.testing.kinesis.KinesisMock;
import dev.riffle.testing.kinesis.KinesisMockExtension;
import dev.riffle.testing.kinesis.TestStream;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.util.ExceptionUtils;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every script under {@code sql/} (found on disk, so a new script is covered without touching this
 * test) runs through the SQL runner in a MiniCluster against kinesis-mock and local folders, with
 * the variables {@code riffle sql} fills in locally: its job must be submitted and every task must
 * run. Where it is cheap, a record goes in and its id must come out.
 *
 * <p>Variables: the launcher's names ({@code kinesis.options}, {@code kinesis.endpoint}, {@code
 * kinesis.stream-arn-prefix}, {@code aws.region}, {@code aws.access-key-id}, {@code
 * aws.secret-key}, {@code lake}); {@code <name>.stream} becomes a fresh stream per script; {@code
 * <name>.init-position} is {@code TRIM_HORIZON}. A script that needs anything else fails here
 * naming the variable.
 */
class SqlScriptsITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    /** Files under sql/ that are not Flink SQL, with the reason. */
    private static final Map<String, String> NOT_FLINK_SQL =
            Map.of(
                    "anomaly/kda-migration/kda-application.sql",
                    "Kinesis Data Analytics for SQL's dialect, kept beside its Flink equivalent"
                            + " for reference");

    /** What goes into a script's input and must come out of it, per script. */
    private static final Map<String, BiConsumer<RunningScript, String>> OUTPUT_CHECKS =
            Map.of("parquet-delivery.sql", SqlScriptsITCase::eventsIntoTheLake);

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9._-]+)}");
    private static final Pattern STREAM_ARN =
            Pattern.compile("arn:aws:kinesis:[^:]+:[^:]+:stream/([A-Za-z0-9_.-]+)");
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @RegisterExtension
    static final LocalFlinkCluster FLINK =
            LocalFlinkCluster.builder().taskManagers(1).slotsPerTaskManager(2).build();

    private static final Set<String> CREATED = new HashSet<>();

    @TempDir static Path tmp;

    /** The repository's sql/ folder (the build runs in the module's folder). */
    static Path sqlDir() {
        String root = System.getProperty("riffle.repo.root");
        return (root != null ? Path.of(root) : Path.of("").toAbsolutePath().resolve("../.."))
                .resolve("sql")
                .normalize();
    }

    static List<String> scripts() throws IOException {
        Path dir = sqlDir();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".sql"))
                    .map(f -> dir.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyScriptOfSqlRunsAgainstKinesisMock() throws IOException {
        List<String> scripts = scripts();
        assertThat(scripts).as("scripts under %s", sqlDir()).contains("parquet-delivery.sql");
        assertThat(scripts).containsAll(NOT_FLINK_SQL.keySet());
        return scripts.stream()
                .filter(s -> !NOT_FLINK_SQL.containsKey(s))
                .map(s -> DynamicTest.dynamicTest(s, () -> run(s)));
    }

    /** A submitted script: its job, its variables, its folder. */
    record RunningScript(JobID job, Map<String, String> variables, Path dir, KinesisMock kinesis) {}

    private void run(String script) throws Exception {
        String text = Files.readString(sqlDir().resolve(script));
        Path dir = Files.createDirectories(tmp.resolve(script.replace('/', '_')));
        KinesisMock kinesis = KINESIS.mock();
        Map<String, String> variables = variables(script, text, dir, kinesis);
        // Every stream the script names, with the variables filled in, exists in the emulator.
        Matcher arn = STREAM_ARN.matcher(substitute(text, variables));
        while (arn.find()) {
            if (CREATED.add(arn.group(1))) {
                kinesis.createStream(arn.group(1), 1);
            }
        }

        TableResult result;
        try {
            result = SqlRunnerJob.run(config(script, variables, dir), remoteEnvironment());
        } catch (RuntimeException e) {
            boolean noKinesisSink =
                    !DynamicTableSinkFactory.class.isAssignableFrom(
                                    KinesisDynamicTableFactory.class)
                            && ExceptionUtils.stringifyException(e)
                                    .contains("Unable to create a sink");
            Assumptions.assumeFalse(
                    noKinesisSink,
                    script
                            + " writes to a 'kinesis' table and the SQL connector has no sink"
                            + " side yet: "
                            + e.getMessage());
            throw e;
        }
        JobID job = result.getJobClient().orElseThrow().getJobID();
        try {
            awaitAllTasksRunning(job);
            BiConsumer<RunningScript, String> check = OUTPUT_CHECKS.get(script);
            if (check != null) {
                try {
                    check.accept(new RunningScript(job, variables, dir, kinesis), script);
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; the job: " + describe(job), e);
                }
            }
        } finally {
            FLINK.cancel(job);
        }
    }

    /** parquet-delivery.sql: an event on the events stream is a Parquet row under the lake. */
    private static void eventsIntoTheLake(RunningScript running, String script) {
        String id = "sql-" + System.nanoTime();
        new TestStream(
                        running.kinesis().client(),
                        "events",
                        running.kinesis().streamArn("events"),
                        1)
                .put(
                        id,
                        "{\"eventId\":\""
                                + id
                                + "\",\"type\":\"transaction\",\"occurredAt\":"
                                + "\"2026-03-01T12:00:00.000Z\",\"userId\":\"u-1\","
                                + "\"amount\":12.5,\"currency\":\"EUR\"}");
        Path events = running.dir().resolve("lake/sql/events");
        Await.until(
                DEADLINE,
                () -> visibleRows(events),
                rows ->
                        rows.stream()
                                .anyMatch(
                                        r ->
                                                id.equals(String.valueOf(r.get("eventId")))
                                                        && "EUR"
                                                                .equals(
                                                                        String.valueOf(
                                                                                r.get(
                                                                                        "currency")))),
                "a row with eventId " + id + " under " + events);
    }

    private static Map<String, String> variables(
            String script, String text, Path dir, KinesisMock kinesis) {
        Map<String, String> base = new LinkedHashMap<>();
        base.put("kinesis.endpoint", kinesis.plainEndpoint().toString());
        base.put("kinesis.stream-arn-prefix", kinesis.streamArn(""));
        base.put("aws.region", kinesis.region());
        base.put("aws.access-key-id", LocalAws.ACCESS_KEY_ID);
        base.put("aws.secret-key", LocalAws.SECRET_ACCESS_KEY);
        base.put(
                "kinesis.options",
                String.format(
                        "'aws.region' = '%s', 'aws.endpoint' = '%s',"
                                + " 'aws.credentials.provider' = 'BASIC',"
                                + " 'aws.credentials.provider.basic.accesskeyid' = '%s',"
                                + " 'aws.credentials.provider.basic.secretkey' = '%s',",
                        kinesis.region(),
                        kinesis.plainEndpoint(),
                        LocalAws.ACCESS_KEY_ID,
                        LocalAws.SECRET_ACCESS_KEY));
        base.put("lake", dir.resolve("lake").toUri().toString().replaceAll("/$", ""));
        String prefix = script.replaceAll("\\.sql$", "").replaceAll("[^A-Za-z0-9]+", "-");
        Map<String, String> values = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        Matcher m = VARIABLE.matcher(withoutComments(text));
        while (m.find()) {
            String name = m.group(1);
            if (base.containsKey(name)) {
                values.put(name, base.get(name));
            } else if (name.endsWith(".stream")) {
                values.put(name, prefix + "-" + name.substring(0, name.length() - 7));
            } else if (name.endsWith(".init-position")) {
                values.put(name, "TRIM_HORIZON");
            } else {
                unknown.add(name);
            }
        }
        assertThat(unknown)
                .as(
                        "variables of %s this test has no value for: give them one in %s",
                        script, SqlScriptsITCase.class.getSimpleName())
                .isEmpty();
        return values;
    }

    private static String withoutComments(String text) {
        return text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\n]*", "");
    }

    private static String substitute(String text, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(
                    out, Matcher.quoteReplacement(variables.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The script's MSF-shaped configuration: packaged script, variables in sql-variables. */
    private static JobConfig config(String script, Map<String, String> variables, Path dir)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> groups = new ArrayList<>();
        groups.add(
                Map.of(
                        "PropertyGroupId",
                        SqlRunnerOptions.RUNNER_GROUP,
                        "PropertyMap",
                        Map.of("script", ScriptSource.CLASSPATH + "sql/" + script)));
        groups.add(
                Map.of(
                        "PropertyGroupId",
                        SqlRunnerOptions.VARIABLES_GROUP,
                        "PropertyMap",
                        variables));
        Path file = dir.resolve("application_properties.json");
        json.writeValue(file.toFile(), groups);
        return JobConfigLoader.builder(SqlRunnerOptions.SCHEMA)
                .msfPropertiesFile(file)
                .build()
                .load(new String[0]);
    }

    private static StreamExecutionEnvironment remoteEnvironment() throws Exception {
        Configuration job = new Configuration();
        job.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        // As on the local cluster and MSF: files are committed on checkpoints.
        job.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(2));
        return FLINK.remoteEnv(job);
    }

    private static void awaitAllTasksRunning(JobID job) {
        Await.until(
                DEADLINE,
                () -> FLINK.cluster().getExecutionGraph(job).get(),
                graph -> {
                    if (graph.getState().isGloballyTerminalState()) {
                        throw new AssertionError(
                                "The job ended "
                                        + graph.getState()
                                        + (graph.getFailureInfo() == null
                                                ? ""
                                                : ": "
                                                        + graph.getFailureInfo()
                                                                .getExceptionAsString()));
                    }
                    return allRunning(graph);
                },
                "every task of job " + job + " running");
    }

    private static String describe(JobID job) {
        try {
            AccessExecutionGraph graph = FLINK.cluster().getExecutionGraph(job).get();
            return graph.getState()
                    + (graph.getFailureInfo() == null
                            ? ""
                            : ", last failure: " + graph.getFailureInfo().getExceptionAsString());
        } catch (Exception e) {
            return "unknown (" + e + ")";
        }
    }

    private static boolean allRunning(AccessExecutionGraph graph) {
        for (AccessExecutionVertex v : graph.getAllExecutionVertices()) {
            if (v.getExecutionState() != ExecutionState.RUNNING) {
                return false;
            }
        }
        return true;
    }

    /** Flink SQL's parquet format writes TIMESTAMP as INT96, which parquet-avro reads as bytes. */
    private static PlainParquetConfiguration parquetConf() {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.setBoolean("parquet.avro.readInt96AsFixed", true);
        return conf;
    }

    private static List<GenericRecord> visibleRows(Path root) {
        List<GenericRecord> rows = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return rows;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file :
                    files.filter(Files::isRegularFile)
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .filter(p -> !p.getFileName().toString().startsWith("_"))
                            .toList()) {
                try (ParquetReader<GenericRecord> reader =
                        AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
                                .withConf(parquetConf())
                                .build()) {
                    GenericRecord r;
                    while ((r = reader.read()) != null) {
                        rows.add(r);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
