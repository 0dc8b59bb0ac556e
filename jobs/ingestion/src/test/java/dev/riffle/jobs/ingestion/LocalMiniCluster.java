package dev.riffle.jobs.ingestion;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;

/**
 * A Flink MiniCluster for one test class; {@link #env} gives an environment that submits to it over
 * REST, as a client would. (Flink's MiniClusterExtension and TestStreamEnvironment drag in JUnit 4,
 * which this build bans.)
 */
final class LocalMiniCluster implements BeforeAllCallback, AfterAllCallback {
    private final Configuration configuration;
    private final int taskManagers;
    private final int slotsPerTaskManager;
    private MiniCluster cluster;

    LocalMiniCluster(Configuration configuration, int taskManagers, int slotsPerTaskManager) {
        this.configuration = configuration;
        this.taskManagers = taskManagers;
        this.slotsPerTaskManager = slotsPerTaskManager;
    }

    MiniCluster cluster() {
        return cluster;
    }

    /** An environment submitting to this cluster, with {@code job} settings on top. */
    StreamExecutionEnvironment env(Configuration job) throws Exception {
        URI rest = cluster.getRestAddress().get();
        return StreamExecutionEnvironment.createRemoteEnvironment(
                rest.getHost(), rest.getPort(), job);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Configuration c = new Configuration(configuration);
        c.set(RestOptions.BIND_PORT, "0");
        c.set(RestOptions.ADDRESS, "127.0.0.1");
        c.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(c)
                                .setNumTaskManagers(taskManagers)
                                .setNumSlotsPerTaskManager(slotsPerTaskManager)
                                .build());
        cluster.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }
}
