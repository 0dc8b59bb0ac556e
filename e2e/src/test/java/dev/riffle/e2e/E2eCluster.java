package dev.riffle.e2e;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;

/**
 * A Flink MiniCluster for one test class, REST on a free loopback port. Jobs are defined by the
 * jobs' own {@code define(env, config)} and submitted as a client would; task managers can be
 * killed and replaced while they run.
 */
final class E2eCluster implements BeforeAllCallback, AfterAllCallback {
    private final int taskManagers;
    private final int slotsPerTaskManager;
    private MiniCluster cluster;

    E2eCluster(int taskManagers, int slotsPerTaskManager) {
        this.taskManagers = taskManagers;
        this.slotsPerTaskManager = slotsPerTaskManager;
    }

    MiniCluster cluster() {
        return cluster;
    }

    /**
     * An environment for one job: parallelism 2, checkpoints every {@code checkpointInterval}, and
     * restarts without limit (1 s apart) so that faults show up as restarts, not as a failed test.
     */
    static StreamExecutionEnvironment env(Duration checkpointInterval) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
        env.setParallelism(2);
        return env;
    }

    JobID submit(StreamExecutionEnvironment env, String name) throws Exception {
        org.apache.flink.streaming.api.graph.StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        return cluster.submitJob(graph.getJobGraph()).get().getJobID();
    }

    JobStatus status(JobID job) throws Exception {
        return cluster.getJobStatus(job).get();
    }

    AccessExecutionGraph graph(JobID job) throws Exception {
        return cluster.getExecutionGraph(job).get();
    }

    /** Whether the job has ever been in RESTARTING. */
    boolean restarted(JobID job) throws Exception {
        return graph(job).getStatusTimestamp(JobStatus.RESTARTING) > 0;
    }

    /**
     * When the job's latest completed checkpoint was triggered (JobManager clock, epoch millis), or
     * -1 before its first.
     */
    long latestCheckpointTriggeredAt(JobID job) throws Exception {
        CompletedCheckpointStats latest =
                graph(job).getCheckpointStatsSnapshot().getHistory().getLatestCompletedCheckpoint();
        return latest == null ? -1 : latest.getTriggerTimestamp();
    }

    long completedCheckpoints(JobID job) throws Exception {
        return graph(job)
                .getCheckpointStatsSnapshot()
                .getCounts()
                .getNumberOfCompletedCheckpoints();
    }

    void cancel(JobID job) {
        try {
            if (!status(job).isGloballyTerminalState()) {
                cluster.cancelJob(job).get();
            }
        } catch (Exception e) {
            // The cluster closes next; a job it cannot cancel goes with it.
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        // Each job's subtasks on different task managers, so that killing one hits every job.
        conf.set(
                TaskManagerOptions.TASK_MANAGER_LOAD_BALANCE_MODE,
                TaskManagerOptions.TaskManagerLoadBalanceMode.SLOTS);
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
