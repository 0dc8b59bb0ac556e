package dev.riffle.jobs.sqlrunner;

import dev.riffle.common.config.JobConfig;
import dev.riffle.common.config.JobConfigLoader;
import dev.riffle.testing.flink.LocalFlinkCluster;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.TableResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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

    @RegisterExtension
    static final LocalFlinkCluster FLINK =
            LocalFlinkCluster.builder().taskManagers(1).slotsPerTaskManager(2).build();

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

        Configuration job = new Configuration();
        job.setString("parallelism.default", "2");
        TableResult result = SqlRunnerJob.run(config, FLINK.remoteEnv(job));
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
