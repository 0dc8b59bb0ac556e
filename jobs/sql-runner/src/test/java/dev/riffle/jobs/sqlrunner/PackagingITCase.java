package dev.riffle.jobs.sqlrunner;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner jar is what MSF runs: it starts the runner, carries the Kinesis connector (with every
 * Table factory it registers) and the scripts of sql/, and leaves Flink and logging to the cluster.
 */
class PackagingITCase {

    private static final String FACTORIES =
            "META-INF/services/org.apache.flink.table.factories.Factory";

    @Test
    void jarStartsTheRunnerAndCarriesTheConnectorAndScripts() throws IOException {
        Path jar = jar();
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(SqlRunnerJob.class.getName());
            List<String> entries =
                    Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
            assertThat(entries).anyMatch(e -> e.startsWith("dev/riffle/connector/kinesis/"));
            assertThat(entries).anyMatch(e -> e.startsWith("dev/riffle/common/config/"));
            assertThat(entries)
                    .noneMatch(e -> e.startsWith("org/apache/flink/table/api/"))
                    .noneMatch(e -> e.startsWith("org/apache/logging/log4j/"))
                    .noneMatch(e -> e.startsWith("org/slf4j/"));
            for (String script : scripts()) {
                assertThat(entries).contains("sql/" + script);
            }
            // Every Table factory the connector registers stays registered in the merged file.
            List<String> expected = connectorFactories();
            ZipEntry merged = file.getEntry(FACTORIES);
            if (!expected.isEmpty()) {
                assertThat(merged).as(FACTORIES).isNotNull();
                try (InputStream in = file.getInputStream(merged)) {
                    assertThat(
                                    new String(in.readAllBytes(), StandardCharsets.UTF_8)
                                            .lines()
                                            .map(String::trim))
                            .containsAll(expected)
                            .contains("org.apache.flink.formats.json.JsonFormatFactory");
                }
            }
        }
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(
                            p ->
                                    p.getFileName()
                                            .toString()
                                            .matches("riffle-jobs-sql-runner-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().contains("sources"))
                    .findFirst()
                    .orElseThrow(
                            () -> new AssertionError("no runner jar in target/; run mvn package"));
        }
    }

    private static List<String> scripts() throws IOException {
        Path sql = Path.of(System.getProperty("riffle.repo.root", "../..")).resolve("sql");
        if (!Files.isDirectory(sql)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(sql)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".sql"))
                    .toList();
        }
    }

    private static List<String> connectorFactories() throws IOException {
        Path services =
                Path.of(System.getProperty("riffle.repo.root", "../.."))
                        .resolve("connectors/kinesis/src/main/resources")
                        .resolve(FACTORIES);
        List<String> out = new ArrayList<>();
        if (Files.exists(services)) {
            Files.readAllLines(services).stream()
                    .map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(out::add);
        }
        return out;
    }
}
