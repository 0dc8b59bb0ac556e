package dev.riffle.jobs.parquet;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Flink MiniCluster for one test class, and job submission to it (Flink's MiniClusterExtension
 * needs JUnit 4, which this build bans). Jobs restart on failure (fixed delay), as on a cluster.
 */
final class LocalFlinkCluster implements BeforeAllCallback, AfterAllCallback {
    private final int taskManagers;
    private final int slotsPerTaskManager;
    private MiniCluster cluster;

    LocalFlinkCluster(int taskManagers, int slotsPerTaskManager) {
        this.taskManagers = taskManagers;
        this.slotsPerTaskManager = slotsPerTaskManager;
    }

    MiniCluster cluster() {
        return cluster;
    }

    /** A fresh environment for a job of this cluster, restarting on failure. */
    static StreamExecutionEnvironment env(int parallelism, Duration checkpointInterval) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(checkpointInterval.toMillis());
        return env;
    }

    /** Submits the job defined in {@code env}. */
    JobID submit(StreamExecutionEnvironment env) throws Exception {
        return cluster.submitJob(env.getStreamGraph().getJobGraph()).get().getJobID();
    }

    /** Waits for the job to finish and fails if it did not succeed. */
    void awaitSuccess(JobID job, Duration timeout) throws Exception {
        JobResult result =
                cluster.requestJobResult(job).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!result.isSuccess()) {
            throw new AssertionError(
                    "Job failed",
                    result.getSerializedThrowable()
                            .map(t -> (Throwable) t.deserializeError(getClass().getClassLoader()))
                            .orElse(null));
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
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
