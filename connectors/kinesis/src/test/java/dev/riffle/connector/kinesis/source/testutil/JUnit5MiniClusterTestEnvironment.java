package dev.riffle.connector.kinesis.source.testutil;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.testframe.environment.ClusterControllable;
import org.apache.flink.connector.testframe.environment.TestEnvironment;
import org.apache.flink.connector.testframe.environment.TestEnvironmentSettings;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The connector testing framework's MiniCluster environment without JUnit 4: Flink's own ({@code
 * MiniClusterTestEnvironment}) is built on a JUnit 4 rule, which this build bans. One task manager
 * with six slots, as Flink's; a task manager failure replaces it with a fresh one.
 */
public final class JUnit5MiniClusterTestEnvironment
        implements TestEnvironment, ClusterControllable {
    private static final int SLOTS = 6;

    private MiniCluster cluster;
    private Path checkpoints;
    private int latestTaskManager;

    @Override
    public void startUp() throws Exception {
        checkpoints = Files.createTempDirectory("riffle-testframe-checkpoints");
        cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(anyFreeRestPort())
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(SLOTS)
                                .build());
        cluster.start();
        latestTaskManager = 0;
    }

    @Override
    public void tearDown() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (checkpoints != null) {
            try (Stream<Path> files = Files.walk(checkpoints)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Override
    public StreamExecutionEnvironment createExecutionEnvironment(TestEnvironmentSettings settings) {
        Configuration conf = new Configuration();
        if (settings.getSavepointRestorePath() != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, settings.getSavepointRestorePath());
        }
        return new TestStreamEnvironment(cluster, conf, SLOTS, List.of(), List.of());
    }

    @Override
    public Endpoint getRestEndpoint() {
        try {
            URI rest = cluster.getRestAddress().get();
            return new Endpoint(rest.getHost(), rest.getPort());
        } catch (Exception e) {
            throw new IllegalStateException("MiniCluster has no REST endpoint", e);
        }
    }

    @Override
    public String getCheckpointUri() {
        return checkpoints.toUri().toString();
    }

    @Override
    public void triggerTaskManagerFailover(JobClient job, Runnable afterFailAction)
            throws Exception {
        cluster.terminateTaskManager(latestTaskManager).get();
        afterFailAction.run();
        cluster.startTaskManager();
        latestTaskManager++;
    }

    @Override
    public void triggerJobManagerFailover(JobClient job, Runnable afterFailAction) {
        throw new UnsupportedOperationException("No job manager failover in this environment");
    }

    @Override
    public void isolateNetwork(JobClient job, Runnable afterFailAction) {
        throw new UnsupportedOperationException("No network isolation in this environment");
    }

    @Override
    public String toString() {
        return "MiniCluster (JUnit 5)";
    }

    /** 8081 may be taken by a local cluster (deploy/local) or another test run. */
    private static Configuration anyFreeRestPort() {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        return conf;
    }
}
