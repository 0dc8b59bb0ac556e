package dev.riffle.testing.flink;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Flink MiniCluster for one test class (register it as a static {@code @RegisterExtension}
 * field), REST on a free loopback port so that it never meets a local cluster or another test run.
 * Flink's own MiniClusterExtension needs JUnit 4, which this build bans.
 *
 * <p>Jobs are defined by the jobs' own {@code define(env, config)} and either submitted through
 * {@link #remoteEnv} (as a client would, over REST) or as a job graph with {@link #submit}; task
 * managers can be killed and replaced while jobs run.
 */
public final class LocalFlinkCluster implements BeforeAllCallback, AfterAllCallback {
    private final int taskManagers;
    private final int slotsPerTaskManager;
    private final Configuration configuration;
    private MiniCluster cluster;

    private LocalFlinkCluster(Builder b) {
        this.taskManagers = b.taskManagers;
        this.slotsPerTaskManager = b.slotsPerTaskManager;
        this.configuration = new Configuration(b.configuration);
    }

    public static Builder builder() {
        return new Builder();
    }

    public MiniCluster cluster() {
        return cluster;
    }

    /**
     * An environment for one job that checkpoints every {@code checkpointInterval} and restarts on
     * failure as on a cluster (10 times, 200 ms apart).
     */
    public static StreamExecutionEnvironment restartingEnv(
            int parallelism, Duration checkpointInterval) {
        return restartingEnv(parallelism, checkpointInterval, 10, Duration.ofMillis(200));
    }

    /**
     * An environment for one job that checkpoints every {@code checkpointInterval} and restarts on
     * failure {@code attempts} times, {@code delay} apart.
     */
    public static StreamExecutionEnvironment restartingEnv(
            int parallelism, Duration checkpointInterval, int attempts, Duration delay) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, attempts);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, delay);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(checkpointInterval.toMillis());
        return env;
    }

    /** An environment that submits to this cluster over REST, with {@code job} settings on top. */
    public StreamExecutionEnvironment remoteEnv(Configuration job) throws Exception {
        URI rest = cluster.getRestAddress().get();
        return StreamExecutionEnvironment.createRemoteEnvironment(
                rest.getHost(), rest.getPort(), job);
    }

    /** Submits the job defined in {@code env}. */
    public JobID submit(StreamExecutionEnvironment env) throws Exception {
        return cluster.submitJob(env.getStreamGraph().getJobGraph()).get().getJobID();
    }

    /** Submits the job defined in {@code env} under {@code name}. */
    public JobID submit(StreamExecutionEnvironment env, String name) throws Exception {
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        return cluster.submitJob(graph.getJobGraph()).get().getJobID();
    }

    /** Waits for the job to finish and fails with its cause if it did not succeed. */
    public void awaitSuccess(JobID job, Duration timeout) throws Exception {
        JobResult result =
                cluster.requestJobResult(job).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!result.isSuccess()) {
            throw new AssertionError(
                    "Job " + job + " failed",
                    result.getSerializedThrowable()
                            .map(t -> (Throwable) t.deserializeError(getClass().getClassLoader()))
                            .orElse(null));
        }
    }

    public JobStatus status(JobID job) throws Exception {
        return cluster.getJobStatus(job).get();
    }

    public AccessExecutionGraph graph(JobID job) throws Exception {
        return cluster.getExecutionGraph(job).get();
    }

    /** Whether the job has ever been in RESTARTING. */
    public boolean restarted(JobID job) throws Exception {
        return graph(job).getStatusTimestamp(JobStatus.RESTARTING) > 0;
    }

    /**
     * When the job's latest completed checkpoint was triggered (JobManager clock, epoch millis), or
     * -1 before its first.
     */
    public long latestCheckpointTriggeredAt(JobID job) throws Exception {
        CompletedCheckpointStats latest =
                graph(job).getCheckpointStatsSnapshot().getHistory().getLatestCompletedCheckpoint();
        return latest == null ? -1 : latest.getTriggerTimestamp();
    }

    public long completedCheckpoints(JobID job) throws Exception {
        return graph(job)
                .getCheckpointStatsSnapshot()
                .getCounts()
                .getNumberOfCompletedCheckpoints();
    }

    /** Cancels the job unless it has ended; a job the cluster cannot cancel goes when it closes. */
    public void cancel(JobID job) {
        try {
            if (!status(job).isGloballyTerminalState()) {
                cluster.cancelJob(job).get();
            }
        } catch (Exception e) {
            // The cluster closes after the test class; the job goes with it.
        }
    }

    /** Kills task manager {@code index} (in start order) and starts a fresh one in its place. */
    public void replaceTaskManager(int index) throws Exception {
        cluster.terminateTaskManager(index).get();
        cluster.startTaskManager();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Configuration conf = new Configuration(configuration);
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
            cluster = null;
        }
    }

    /** Sizes and settings of a {@link LocalFlinkCluster}; validated on {@link #build}. */
    public static final class Builder {
        private int taskManagers = 1;
        private int slotsPerTaskManager = 2;
        private final Configuration configuration = new Configuration();

        private Builder() {}

        public Builder taskManagers(int taskManagers) {
            this.taskManagers = taskManagers;
            return this;
        }

        public Builder slotsPerTaskManager(int slots) {
            this.slotsPerTaskManager = slots;
            return this;
        }

        /** Cluster settings on top of the defaults (the REST address is always loopback). */
        public Builder configuration(Configuration settings) {
            this.configuration.addAll(settings);
            return this;
        }

        /**
         * Spreads each job's subtasks over the task managers, so that killing one task manager hits
         * every job.
         */
        public Builder spreadSlots() {
            configuration.set(
                    TaskManagerOptions.TASK_MANAGER_LOAD_BALANCE_MODE,
                    TaskManagerOptions.TaskManagerLoadBalanceMode.SLOTS);
            return this;
        }

        public LocalFlinkCluster build() {
            if (taskManagers < 1 || slotsPerTaskManager < 1) {
                throw new IllegalArgumentException(
                        "A cluster needs at least 1 task manager with 1 slot, got "
                                + taskManagers
                                + " with "
                                + slotsPerTaskManager);
            }
            return new LocalFlinkCluster(this);
        }
    }
}
