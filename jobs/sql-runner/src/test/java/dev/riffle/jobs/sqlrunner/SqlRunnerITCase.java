package dev.riffle.jobs.sqlrunner;

import dev.riffle.common.config.JobConfig;
import dev.riffle.common.config.JobConfigLoader;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A script with variables and a statement set runs as one job in a MiniCluster (parallelism 2) and
 * writes every row exactly once to each of its sinks.
 */
class SqlRunnerITCase {

    // Flink's MiniClusterExtension needs JUnit 4, which the build bans: a MiniCluster by hand.
    private static MiniCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        Configuration c = new Configuration();
        c.set(RestOptions.BIND_PORT, "0");
        c.set(RestOptions.ADDRESS, "127.0.0.1");
        c.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(c)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(2)
                                .build());
        cluster.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @TempDir Path tmp;

    @Test
    void runsAScriptWithVariablesAndAStatementSetAsOneJob() throws Exception {
        Path script =
                Files.writeString(
                        tmp.resolve("split.sql"),
                        "-- Bounded, so the job ends and its files can be read.\n"
                                + "SET 'execution.runtime-mode' = 'batch';\n"
                                + "CREATE TABLE numbers (n BIGINT) WITH (\n"
                                + "  'connector' = 'datagen', 'number-of-rows' = '${rows}',\n"
                                + "  'fields.n.kind' = 'sequence', 'fields.n.start' = '1',"
                                + " 'fields.n.end' = '${rows}');\n"
                                + "CREATE TABLE odd (n BIGINT) WITH ('connector' = 'filesystem',"
                                + " 'path' = '${out}/odd', 'format' = 'json');\n"
                                + "CREATE TABLE even (n BIGINT) WITH ('connector' = 'filesystem',"
                                + " 'path' = '${out}/even', 'format' = 'json');\n"
                                + "EXECUTE STATEMENT SET BEGIN\n"
                                + "  INSERT INTO odd SELECT n FROM numbers WHERE n % 2 = 1;\n"
                                + "  INSERT INTO even SELECT n FROM numbers WHERE n % 2 = 0;\n"
                                + "END;\n");
        Path out = tmp.resolve("out");
        JobConfig config =
                load(
                        "[{\"PropertyGroupId\": \"sql-runner\", \"PropertyMap\": {\"script\": \""
                                + script
                                + "\", \"job.name\": \"split-numbers\"}},"
                                + " {\"PropertyGroupId\": \"sql-variables\", \"PropertyMap\":"
                                + " {\"rows\": \"200\", \"out\": \""
                                + out.toUri()
                                + "\"}}]");

        URI rest = cluster.getRestAddress().get();
        Configuration job = new Configuration();
        job.setString("parallelism.default", "2");
        TableResult result =
                SqlRunnerJob.run(
                        config,
                        StreamExecutionEnvironment.createRemoteEnvironment(
                                rest.getHost(), rest.getPort(), job));
        result.await();

        assertThat(result.getJobClient()).isPresent();
        assertThat(numbers(out.resolve("odd")))
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, 200).filter(n -> n % 2 == 1).boxed().toList());
        assertThat(numbers(out.resolve("even")))
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, 200).filter(n -> n % 2 == 0).boxed().toList());
    }

    private JobConfig load(String json) throws IOException {
        Path file = Files.writeString(tmp.resolve("sql-runner.json"), json);
        return JobConfigLoader.builder(SqlRunnerOptions.SCHEMA)
                .msfPropertiesFile(tmp.resolve("absent"))
                .build()
                .load(new String[] {"--config", file.toString()});
    }

    private static List<Long> numbers(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .flatMap(SqlRunnerITCase::lines)
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .collect(Collectors.toList());
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank());
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }
}
