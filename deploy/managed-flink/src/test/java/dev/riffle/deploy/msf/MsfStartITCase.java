package dev.riffle.deploy.msf;

import dev.riffle.deploy.msf.model.AppDescriptor;
import dev.riffle.deploy.msf.model.Deployment;
import dev.riffle.testing.kinesis.KinesisMock;
import dev.riffle.testing.kinesis.KinesisMockExtension;

import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts every application's job the way MSF starts it ({@link MsfLaunch}): its own {@code
 * application_properties.json}, with only what differs between AWS and this machine changed: the
 * account and region are kinesis-mock's, each group that names a stream gets kinesis-mock's
 * endpoint and local credentials (the {@code aws.*} keys every Riffle Kinesis component reads; for
 * SQL scripts, as variables of the same names), and lake paths point at a local folder. The job
 * must submit one job without setting anything MSF owns and run against the emulator.
 */
class MsfStartITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    private static final String SQL_VARIABLES = "sql-variables";
    private static final Set<String> CREATED = new HashSet<>();

    private static MsfLaunch msf;

    @TempDir static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        msf = MsfLaunch.start(4);
    }

    @AfterAll
    static void stop() throws Exception {
        msf.close();
    }

    @TestFactory
    Stream<DynamicTest> everyApplicationStartsAsOnMsfAgainstTheEmulator() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Deployment deployment : Deployments.all()) {
            for (Deployment.App app : deployment.apps()) {
                tests.add(DynamicTest.dynamicTest(app.name(), () -> start(deployment, app)));
            }
        }
        return tests.stream();
    }

    private void start(Deployment deployment, Deployment.App app) throws Throwable {
        AppDescriptor d = app.descriptor();
        KinesisMock kinesis = KINESIS.mock();
        for (String stream : streams(d)) {
            if (CREATED.add(stream)) {
                kinesis.createStream(stream, 1);
            }
        }
        Path appDir = Files.createDirectories(tmp.resolve(app.name()));
        String json = emulatorProperties(deployment, app, kinesis, appDir.resolve("lake"));

        MsfLaunch.Launched launched =
                msf.launch(
                        d.mainClass(),
                        json,
                        msf.platformConfiguration(
                                d.scaling().parallelism(), Duration.ofSeconds(10)),
                        appDir);
        try {
            msf.awaitRunning(launched.jobId());
            StreamGraph graph = launched.graph();
            assertThat(graph.getSourceIDs()).as("sources of %s", app.name()).isNotEmpty();
            // Sink V2 writers are ordinary nodes: the job's ends are the nodes without outputs.
            assertThat(graph.getStreamNodes())
                    .as("sinks of %s", app.name())
                    .anyMatch(n -> n.getOutEdges().isEmpty());
            if (!d.mainClass().endsWith("SqlRunnerJob")) {
                // DataStream jobs name every stateful operator; MSF restores state by these uids.
                for (Integer id : graph.getSourceIDs()) {
                    StreamNode source = graph.getStreamNode(id);
                    assertThat(source.getTransformationUID())
                            .as("uid of source %s of %s", source.getOperatorName(), app.name())
                            .isNotBlank();
                }
            }
        } finally {
            msf.cancel(launched.jobId());
        }
    }

    private static List<String> streams(AppDescriptor d) {
        List<String> streams = new ArrayList<>();
        d.reads().forEach(r -> streams.add(r.stream()));
        d.writes().forEach(w -> streams.add(w.stream()));
        return streams;
    }

    /** The application's own properties with only the AWS-versus-local values changed. */
    private static String emulatorProperties(
            Deployment deployment, Deployment.App app, KinesisMock kinesis, Path lake)
            throws Exception {
        String lakeBucket = deployment.suite().lakeBucketName();
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        app.properties()
                .groups()
                .forEach(
                        (id, values) -> {
                            Map<String, String> copy = new LinkedHashMap<>();
                            values.forEach(
                                    (k, v) ->
                                            copy.put(
                                                    k,
                                                    v.replace(
                                                                    "s3://" + lakeBucket + "/",
                                                                    lake.toUri().toString())
                                                            .replace(
                                                                    "${AWS::Region}",
                                                                    kinesis.region())
                                                            .replace(
                                                                    "${AWS::AccountId}",
                                                                    kinesis.accountId())
                                                            .replace("${AWS::Partition}", "aws")));
                            groups.put(id, copy);
                        });
        Set<String> streamGroups = new HashSet<>();
        app.descriptor().reads().forEach(r -> streamGroups.add(group(r.property())));
        app.descriptor().writes().forEach(w -> streamGroups.add(group(w.property())));
        for (String group : streamGroups) {
            kinesis.connectorProperties(false).forEach(groups.get(group)::putIfAbsent);
        }
        if (groups.containsKey(SQL_VARIABLES)) {
            kinesis.connectorProperties(false).forEach(groups.get(SQL_VARIABLES)::putIfAbsent);
        }
        List<Map<String, Object>> array = new ArrayList<>();
        groups.forEach(
                (id, values) -> {
                    Map<String, Object> group = new LinkedHashMap<>();
                    group.put("PropertyGroupId", id);
                    group.put("PropertyMap", values);
                    array.add(group);
                });
        return new ObjectMapper().writeValueAsString(array);
    }

    private static String group(String property) {
        return property.substring(0, property.indexOf('.'));
    }
}
