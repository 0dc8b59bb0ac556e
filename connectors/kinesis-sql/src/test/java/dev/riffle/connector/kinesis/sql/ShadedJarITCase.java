package dev.riffle.connector.kinesis.sql;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the shaded SQL jar (built by {@code package}) may contain: the connector, its relocated
 * dependencies and Flink's connector-base, nothing unrelocated, no Flink core, no logging; the
 * {@code kinesis} factory registered in the merged service file.
 */
class ShadedJarITCase {

    private static final String SHADED = "dev/riffle/shaded/";
    private static final String FACTORIES =
            "META-INF/services/org.apache.flink.table.factories.Factory";

    /** Where every entry of the jar must be. */
    private static final List<String> ALLOWED =
            List.of(
                    "META-INF/",
                    "dev/riffle/connector/kinesis/",
                    SHADED,
                    // Flink's async sink and split-reader base: not in every Flink distribution;
                    // loaded parent-first where the cluster has it.
                    "org/apache/flink/connector/base/",
                    // The Apache HTTP client's public suffix list and the SDK's MIME types, read
                    // as resources by those exact names.
                    "mozilla/public-suffix-list.txt",
                    "mime.types");

    /** Directory entries that only lead to allowed places. */
    private static final List<String> PARENT_DIRECTORIES =
            List.of(
                    "dev/",
                    "dev/riffle/",
                    "dev/riffle/connector/",
                    "org/",
                    "org/apache/",
                    "org/apache/flink/",
                    "org/apache/flink/connector/",
                    "mozilla/");

    private static List<String> entries;
    private static Path jar;

    @BeforeAll
    static void openJar() throws IOException {
        jar = jar();
        try (JarFile file = new JarFile(jar.toFile())) {
            entries = Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void everyEntryIsTheConnectorOrRelocated() {
        List<String> unexpected = new ArrayList<>();
        for (String entry : entries) {
            boolean allowed =
                    ALLOWED.stream().anyMatch(entry::startsWith)
                            || PARENT_DIRECTORIES.contains(entry);
            if (!allowed) {
                unexpected.add(entry);
            }
        }
        assertThat(unexpected).as("entries outside the allowed packages").isEmpty();
        assertThat(entries)
                .contains("dev/riffle/connector/kinesis/table/KinesisDynamicTableFactory.class")
                .contains(
                        SHADED + "software/amazon/awssdk/services/kinesis/KinesisAsyncClient.class")
                .anyMatch(e -> e.startsWith(SHADED + "io/netty/"))
                .noneMatch(e -> e.startsWith("software/amazon/"))
                .noneMatch(e -> e.startsWith("io/netty/"))
                .noneMatch(e -> e.startsWith("org/apache/flink/table/"))
                .noneMatch(e -> e.startsWith("org/apache/flink/streaming/"))
                .noneMatch(e -> e.startsWith("org/apache/flink/api/"))
                .noneMatch(e -> e.startsWith("org/slf4j/"))
                .noneMatch(e -> e.startsWith("org/apache/logging/"))
                .noneMatch(e -> e.endsWith("log4j2.xml") || e.endsWith("log4j.properties"));
    }

    @Test
    void theKinesisFactoryIsRegisteredInTheMergedServiceFile() throws IOException {
        assertThat(serviceFile(FACTORIES))
                .contains("dev.riffle.connector.kinesis.table.KinesisDynamicTableFactory");
    }

    @Test
    void theSdksOwnServiceFilesNameRelocatedClasses() throws IOException {
        List<String> services =
                entries.stream()
                        .filter(e -> e.startsWith("META-INF/services/") && !e.endsWith("/"))
                        .toList();
        assertThat(services)
                .contains(
                        "META-INF/services/dev.riffle.shaded.software.amazon.awssdk.http.async"
                                + ".SdkAsyncHttpService")
                .allMatch(
                        s -> s.equals(FACTORIES) || s.startsWith("META-INF/services/dev.riffle."));
        for (String service : services) {
            assertThat(serviceFile(service))
                    .as(service)
                    .isNotEmpty()
                    .allMatch(line -> line.startsWith("dev.riffle."));
        }
    }

    /**
     * No class refers to an SDK, Netty or HTTP client class by its original name: a reference that
     * escaped relocation would load a different copy, or fail, on a cluster.
     */
    @Test
    void noClassRefersToAnUnrelocatedDependency() throws IOException {
        // Class references in the constant pool use internal names (slashes); dotted strings that
        // remain are system property names and messages, e.g. "io.netty.noUnsafe".
        Pattern original =
                Pattern.compile(
                        "(?<!dev/riffle/shaded/)\\b(software/amazon/awssdk|io/netty|org/apache/http"
                                + "|org/reactivestreams|org/apache/commons/logging)/[a-zA-Z]");
        Map<String, String> escaped = new LinkedHashMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (String entry : entries) {
                if (!entry.endsWith(".class")) {
                    continue;
                }
                try (InputStream in = file.getInputStream(file.getEntry(entry))) {
                    String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                    Matcher m = original.matcher(text);
                    if (m.find()) {
                        escaped.put(
                                entry,
                                text.substring(m.start(), Math.min(text.length(), m.start() + 60)));
                    }
                }
            }
        }
        assertThat(escaped).as("classes naming an unrelocated dependency").isEmpty();
    }

    private static List<String> serviceFile(String name) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry(name);
            assertThat(entry).as(name).isNotNull();
            try (InputStream in = file.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .map(String::trim)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .toList();
            }
        }
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(
                            p ->
                                    p.getFileName()
                                            .toString()
                                            .matches("riffle-connector-kinesis-sql-[^-]+.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
                    .findFirst()
                    .orElseThrow(
                            () -> new AssertionError("no shaded jar in target/; run mvn package"));
        }
    }
}
