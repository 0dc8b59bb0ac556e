package dev.riffle.connector.kinesis.source.testutil;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;

import java.time.Duration;

/**
 * A MiniCluster of two task managers with one slot each (parallelism 2), whose task managers a test
 * can kill and replace. Jobs restart from their last checkpoint on failure.
 */
public final class LocalFlink implements AutoCloseable {
    public static final int PARALLELISM = 2;

    private final MiniCluster cluster;

    public LocalFlink() throws Exception {
        Configuration conf = new Configuration();
        // Any free port: 8081 may be taken by a local cluster (deploy/local) or another test run.
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(PARALLELISM)
                                .setNumSlotsPerTaskManager(1)
                                .build());
        cluster.start();
    }

    /** An environment that runs jobs on this cluster, at parallelism 2. */
    public StreamExecutionEnvironment env() {
        return new TestStreamEnvironment(cluster, PARALLELISM);
    }

    /** Kills task manager {@code index} and starts a fresh one in its place. */
    public void replaceTaskManager(int index) throws Exception {
        cluster.terminateTaskManager(index).get();
        cluster.startTaskManager();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
