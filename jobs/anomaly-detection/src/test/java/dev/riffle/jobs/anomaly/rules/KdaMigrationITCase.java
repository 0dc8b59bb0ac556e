package dev.riffle.jobs.anomaly.rules;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration example (sql/anomaly/kda-migration/flink-application.sql) runs as written, with
 * local files in place of its Kinesis streams: each host's outliers come out, with KDA's JSON.
 */
class KdaMigrationITCase {

    @Test
    void theFlinkEquivalentOfTheKdaApplicationScoresEachHostAndKeepsItsOutliers(@TempDir Path tmp)
            throws Exception {
        Path input = tmp.resolve("metrics.json");
        List<String> lines = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < 600; i++) {
            for (String host : List.of("web-1", "web-2")) {
                boolean outlier = i == 500 && host.equals("web-1");
                int requests = outlier ? 900 : 100 + random.nextInt(10);
                double latency = (host.equals("web-1") ? 20 : 200) + random.nextGaussian();
                lines.add(
                        String.format(
                                Locale.ROOT,
                                "{\"host\":\"%s\",\"requests\":%d,\"latency_ms\":%.3f}",
                                host,
                                requests,
                                latency));
            }
        }
        Files.write(input, lines);
        Path out = tmp.resolve("out");
        Configuration conf = new Configuration();
        conf.setString("execution.checkpointing.interval", "1 s");
        conf.setString("parallelism.default", "2");
        TableEnvironment tEnv =
                TableEnvironment.create(
                        EnvironmentSettings.newInstance()
                                .inStreamingMode()
                                .withConfiguration(conf)
                                .build());
        SqlScript script =
                SqlScript.load(
                                "sql/anomaly/kda-migration/flink-application.sql",
                                Map.of(
                                        "kinesis.stream-arn-prefix",
                                                "arn:aws:kinesis:us-east-1:000000000000:stream/",
                                        "metrics.stream", "web-metrics",
                                        "scores.stream", "web-anomalies",
                                        "aws.region", "us-east-1",
                                        "kinesis.endpoint", "http://127.0.0.1:1",
                                        "aws.access-key-id", "local",
                                        "aws.secret-key", "local",
                                        "kinesis.options", "'aws.region' = 'us-east-1',"))
                        .withOptions(
                                "source_stream",
                                "'connector' = 'filesystem', 'path' = '"
                                        + input.toUri()
                                        + "', 'format' = 'json'")
                        .withOptions(
                                "destination_stream",
                                "'connector' = 'filesystem', 'path' = '"
                                        + out.toUri()
                                        + "', 'format' = 'json'");
        for (String statement : script.statements()) {
            if (statement.startsWith("INSERT")) {
                tEnv.executeSql(statement).await();
            } else {
                tEnv.executeSql(statement);
            }
        }
        List<String> written;
        try (Stream<Path> files = Files.walk(out)) {
            written =
                    files.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .flatMap(
                                    f -> {
                                        try {
                                            return Files.readAllLines(f).stream();
                                        } catch (java.io.IOException e) {
                                            throw new java.io.UncheckedIOException(e);
                                        }
                                    })
                            .collect(Collectors.toList());
        }

        assertThat(written)
                .anyMatch(
                        l ->
                                l.contains("\"host\":\"web-1\"")
                                        && l.contains("\"requests\":900")
                                        && l.contains(
                                                "\\\"requests\\\":{\\\"DIRECTION\\\":\\\"HIGH\\\""));
        assertThat(written.size()).isLessThan(40);
    }
}
