package dev.riffle.local;

import dev.riffle.testing.Await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs Riffle like a user does, through {@code deploy/local/riffle}: {@code up} starts
 * kinesis-mock, s3proxy and a standalone Flink session cluster as separate processes; the real SQL
 * client runs scripts against it; {@code down} leaves no process behind. Every port is a free one
 * and the state folder is the test's own, so the test runs beside a user's .riffle/ and beside
 * other builds.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RiffleLauncherITCase {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path repo;
    private static Path state;
    private static Map<String, Integer> ports;
    private static Run up;

    /** What a riffle command printed (stdout and stderr together) and its exit status. */
    record Run(int exit, String output) {}

    @BeforeAll
    static void up() throws Exception {
        repo = Path.of(System.getProperty("riffle.repo.root")).toAbsolutePath();
        state = repo.resolve("deploy/local/target/it-state-" + ProcessHandle.current().pid());
        Files.createDirectories(state);
        ports =
                freePorts(
                        "flink.rest.port",
                        "flink.jobmanager.rpc.port",
                        "flink.blob.server.port",
                        "flink.taskmanager.rpc.port",
                        "flink.taskmanager.data.port",
                        "query.service.first",
                        "query.service.second",
                        "kinesis.port",
                        "kinesis.tls.port",
                        "s3.port");
        List<String> settings = new ArrayList<>();
        ports.forEach(
                (key, port) -> {
                    if (!key.startsWith("query.service")) {
                        settings.add(key + " = " + port);
                    }
                });
        settings.add(
                "flink.metrics.internal.query-service.port = "
                        + ports.get("query.service.first")
                        + ","
                        + ports.get("query.service.second"));
        settings.add("streams = riffle-it-events:2, riffle-it-alerts:1");
        // Slim processes: the test only needs the cluster to run a few small statements.
        settings.add("flink.taskmanager.memory.process.size = 1280m");
        settings.add("flink.jobmanager.memory.process.size = 768m");
        Files.write(state.resolve("riffle.properties"), settings);

        up = riffle("up");
    }

    @AfterAll
    static void downAgain() throws Exception {
        // Whatever a failed test left behind: `down` is idempotent.
        if (state != null) {
            riffle("down");
        }
    }

    @Test
    @Order(1)
    void upStartsTheEmulatorsAndAClusterWithOneTaskManager() throws Exception {
        assertThat(up.exit()).as(up.output()).isZero();
        assertThat(up.output())
                .contains("kinesis-mock started (pid")
                .contains("s3proxy      started (pid")
                .contains("jobmanager   started (pid")
                .contains("taskmanager  started (pid")
                .contains("Flink web UI   http://127.0.0.1:" + ports.get("flink.rest.port"))
                .contains("riffle-it-events (2), riffle-it-alerts (1)")
                .contains("Logs           " + state.resolve("log"));

        JsonNode overview = rest("/overview");
        assertThat(overview.path("taskmanagers").asInt()).isEqualTo(1);
        assertThat(overview.path("slots-total").asInt()).isEqualTo(4);
        assertThat(overview.path("flink-version").asText()).isEqualTo("2.2.0");
    }

    @Test
    @Order(2)
    void aSecondUpReportsWhatAlreadyRunsAndStartsNothing() throws Exception {
        Map<String, Long> before = recordedPids();

        Run again = riffle("up");

        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(recordedPids()).isEqualTo(before);
        before.forEach(
                (name, pid) ->
                        assertThat(again.output())
                                .contains(
                                        String.format(
                                                "%-12s already running (pid %d)", name, pid)));
        assertThat(again.output()).doesNotContain("started (pid");
    }

    @Test
    @Order(3)
    void theSqlClientRunsAScriptThroughTheClusterAndTheLake() throws Exception {
        Run sql = riffle("sql", repo.resolve(DemoCommand.ROUND_TRIP).toString());

        assertThat(sql.exit()).as(sql.output()).isZero();
        assertThat(tableRows(sql.output()))
                .containsExactly(
                        List.of("1", "riffle-alpha", "10.50"),
                        List.of("2", "riffle-beta", "20.25"),
                        List.of("3", "riffle-gamma", "30.00"));
        // The lake table's files are in s3proxy's bucket folder, written through the s3:// plugin.
        try (Stream<Path> files = Files.walk(state.resolve("data/s3/riffle-lake/round-trip"))) {
            assertThat(files.filter(Files::isRegularFile)).isNotEmpty();
        }
        // The statements ran as jobs on the cluster, not in the client.
        assertThat(rest("/overview").path("jobs-finished").asInt()).isGreaterThanOrEqualTo(3);
    }

    @Test
    @Order(4)
    void aFailingStatementFailsTheCommandWithTheClientsReason() throws Exception {
        Path script = state.resolve("broken.sql");
        Files.writeString(script, "SELECT * FROM no_such_table;\n");

        Run sql = riffle("sql", script.toString());

        assertThat(sql.exit()).isEqualTo(1);
        assertThat(sql.output())
                .contains("[ERROR] Could not execute SQL statement")
                .contains("no_such_table");
    }

    @Test
    @Order(5)
    void anUnknownVariableIsNamedWithTheOnesThatExist() throws Exception {
        Path script = state.resolve("unknown-variable.sql");
        Files.writeString(script, "SELECT 1;\nSELECT '${kinesis.endpiont}';\n");

        Run sql = riffle("sql", script.toString());

        assertThat(sql.exit()).isEqualTo(1);
        assertThat(sql.output())
                .contains("Unknown variable ${kinesis.endpiont} in " + script + " line 2")
                .contains("kinesis.endpoint");
    }

    @Test
    @Order(6)
    void statusShowsTheProcessesAndTheJobs() throws Exception {
        Run status = riffle("status");

        assertThat(status.exit()).as(status.output()).isZero();
        assertThat(status.output())
                .contains("jobmanager   running (pid")
                .contains("taskmanager  running (pid")
                .contains("kinesis-mock running (pid")
                .contains("s3proxy      running (pid")
                .contains("1 TaskManager(s)")
                .contains("FINISHED");
    }

    @Test
    @Order(7)
    void downStopsEverythingUpStartedAndLeavesNoProcessBehind() throws Exception {
        Map<String, Long> pids = recordedPids();
        assertThat(pids.keySet())
                .containsExactlyInAnyOrder("jobmanager", "taskmanager", "kinesis-mock", "s3proxy");

        Run down = riffle("down");

        assertThat(down.exit()).as(down.output()).isZero();
        pids.forEach(
                (name, pid) -> {
                    assertThat(down.output())
                            .contains(String.format("%-12s stopped (pid %d)", name, pid));
                    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                            .as(name + " (pid " + pid + ")")
                            .isNotEqualTo(java.util.Optional.of(true));
                });
        assertThat(recordedPids()).isEmpty();
        // Nothing on this machine still runs from this state folder.
        assertThat(
                        ProcessHandle.allProcesses()
                                .filter(
                                        p ->
                                                p.info()
                                                        .commandLine()
                                                        .orElse("")
                                                        .contains(state.toString()))
                                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")))
                .isEmpty();
        ports.forEach(
                (key, port) ->
                        assertThat(Ports.isFree(port)).as(key + " " + port + " free").isTrue());
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static Run riffle(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(repo.resolve("deploy/local/riffle").toString());
        command.addAll(List.of(args));
        Path output = Files.createTempFile(state, "riffle-", ".out");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(repo.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("RIFFLE_STATE_DIR", state.toString());
        // The reactor built the launcher already; the test must not start a nested Maven build.
        builder.environment().put("RIFFLE_NO_BUILD", "1");
        Process process = builder.start();
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(
                    "riffle "
                            + String.join(" ", args)
                            + " did not finish within "
                            + COMMAND_TIMEOUT
                            + ":\n"
                            + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static JsonNode rest(String path) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://127.0.0.1:" + ports.get("flink.rest.port") + path))
                        .timeout(Duration.ofSeconds(5))
                        .build();
        return Await.until(
                Duration.ofSeconds(30),
                () ->
                        JSON.readTree(
                                http.send(request, HttpResponse.BodyHandlers.ofString()).body()),
                json -> json.has("taskmanagers") || json.has("jobs"),
                "the REST endpoint to answer " + path);
    }

    private static Map<String, Long> recordedPids() throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        Path run = state.resolve("run");
        if (!Files.isDirectory(run)) {
            return pids;
        }
        try (Stream<Path> files = Files.list(run)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).sorted().toList()) {
                Matcher m = Pattern.compile("(?m)^pid=(\\d+)$").matcher(Files.readString(file));
                assertThat(m.find()).as("pid in " + file).isTrue();
                String name = file.getFileName().toString();
                pids.put(
                        name.substring(0, name.length() - ".pid".length()),
                        Long.parseLong(m.group(1)));
            }
        }
        return pids;
    }

    /** The data rows of the SQL client's tableau output: {@code | 1 | riffle-alpha | 10.50 |}. */
    private static List<List<String>> tableRows(String output) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : output.split("\n")) {
            String trimmed = line.replaceAll("\u001B\\[[;\\d]*m", "").trim();
            if (trimmed.startsWith("|") && !trimmed.contains(" id ")) {
                List<String> cells = new ArrayList<>();
                for (String cell : trimmed.substring(1, trimmed.length() - 1).split("\\|")) {
                    cells.add(cell.trim());
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    private static Map<String, Integer> freePorts(String... keys) throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (String key : keys) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports.put(key, socket.getLocalPort());
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
        return ports;
    }
}
