package dev.riffle.deploy.msf;

import dev.riffle.common.config.JobConfigLoader;
import dev.riffle.common.msf.MsfProgrammaticConfig;
import dev.riffle.testing.Await;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.executors.RemoteExecutor;
import org.apache.flink.client.program.StreamContextEnvironment;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.DefaultExecutorServiceLoader;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.table.api.config.OptimizerConfigOptions;
import org.apache.flink.table.api.config.TableConfigOptions;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Starts a job's {@code main()} the way Managed Service for Apache Flink 2.2 does, against a
 * MiniCluster: no arguments, the runtime properties in an MSF-shaped file at the path the job's
 * loader reads (moved with {@link JobConfigLoader#MSF_PROPERTIES_FILE_PROPERTY}), checkpointing,
 * state backend and parallelism set by the platform, and program configuration locked the way MSF
 * 2.2 locks it: setting any key outside {@link MsfProgrammaticConfig} from code fails the
 * submission with Flink's {@code MutatedConfigurationException}. The job is submitted detached, so
 * {@code main()} returns once it runs.
 */
final class MsfLaunch implements AutoCloseable {

    private final MiniCluster cluster;

    private MsfLaunch(MiniCluster cluster) {
        this.cluster = cluster;
    }

    /** A MiniCluster with one task manager of {@code slots} slots, REST on loopback. */
    static MsfLaunch start(int slots) throws Exception {
        Configuration c = new Configuration();
        c.set(RestOptions.BIND_PORT, "0");
        c.set(RestOptions.ADDRESS, "127.0.0.1");
        c.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(c)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(slots)
                                .build());
        cluster.start();
        return new MsfLaunch(cluster);
    }

    MiniCluster cluster() {
        return cluster;
    }

    /**
     * What MSF puts in the Flink configuration for an application with this parallelism and
     * checkpoint interval, plus the lock on program configuration.
     */
    Configuration platformConfiguration(int parallelism, Duration checkpointInterval)
            throws Exception {
        URI rest = cluster.getRestAddress().get();
        Configuration c = new Configuration();
        c.set(DeploymentOptions.TARGET, RemoteExecutor.NAME);
        c.set(RestOptions.ADDRESS, rest.getHost());
        c.set(RestOptions.PORT, rest.getPort());
        c.set(DeploymentOptions.ATTACHED, false);
        c.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        // MSF runs RocksDB; the heap backend keeps the test light and is locked the same way.
        c.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        c.set(DeploymentOptions.PROGRAM_CONFIG_ENABLED, false);
        c.set(DeploymentOptions.PROGRAM_CONFIG_WILDCARDS, programmaticKeys());
        return c;
    }

    /** What {@code main()} submitted. */
    record Launched(JobID jobId, StreamGraph graph) {}

    /**
     * Runs {@code mainClass}'s {@code main()} with {@code propertiesJson} as MSF's runtime
     * properties and {@code platform} as the cluster's configuration.
     *
     * @throws Throwable whatever {@code main()} threw (for example Flink's
     *     MutatedConfigurationException)
     */
    Launched launch(String mainClass, String propertiesJson, Configuration platform, Path tmp)
            throws Throwable {
        Path file = Files.writeString(tmp.resolve("application_properties.json"), propertiesJson);
        String previous =
                System.setProperty(JobConfigLoader.MSF_PROPERTIES_FILE_PROPERTY, file.toString());
        Capturing.GRAPHS.clear();
        Capturing.CLIENTS.clear();
        Capturing.setAsContext(platform);
        try {
            Class.forName(mainClass)
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) new String[0]);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            StreamContextEnvironment.unsetAsContext();
            if (previous == null) {
                System.clearProperty(JobConfigLoader.MSF_PROPERTIES_FILE_PROPERTY);
            } else {
                System.setProperty(JobConfigLoader.MSF_PROPERTIES_FILE_PROPERTY, previous);
            }
        }
        if (Capturing.CLIENTS.size() != 1) {
            throw new AssertionError(
                    mainClass + " submitted " + Capturing.CLIENTS.size() + " jobs; MSF runs one");
        }
        return new Launched(Capturing.CLIENTS.get(0).getJobID(), Capturing.GRAPHS.get(0));
    }

    /** Waits until the job runs (every task deployed), failing early if it fails. */
    void awaitRunning(JobID job) {
        Await.until(
                Duration.ofSeconds(60),
                () -> cluster.getJobStatus(job).get(),
                status -> {
                    if (status.isGloballyTerminalState() && status != JobStatus.FINISHED) {
                        throw new AssertionError("Job " + job + " ended " + status);
                    }
                    return status == JobStatus.RUNNING || status == JobStatus.FINISHED;
                },
                "job " + job + " running");
    }

    /** The job's status and, if it failed or restarted, the last failure: for failure messages. */
    String describe(JobID job) {
        try {
            var graph = cluster.getExecutionGraph(job).get();
            var failure = graph.getFailureInfo();
            return graph.getState()
                    + (failure == null ? "" : ", last failure: " + failure.getExceptionAsString());
        } catch (Exception e) {
            return "unknown (" + e + ")";
        }
    }

    void cancel(JobID job) throws Exception {
        if (!cluster.getJobStatus(job).get().isGloballyTerminalState()) {
            cluster.cancelJob(job).get();
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    /**
     * The keys MSF 2.2 lets code set: its single keys, and every Table API key Flink declares (the
     * wildcard list of Flink's check takes exact keys).
     */
    static List<String> programmaticKeys() throws IllegalAccessException {
        TreeSet<String> keys = new TreeSet<>(MsfProgrammaticConfig.KEYS);
        keys.addAll(MsfProgrammaticConfig.TABLE_PLANNER_INTERNAL_KEYS);
        for (Class<?> options :
                List.of(
                        ExecutionConfigOptions.class,
                        OptimizerConfigOptions.class,
                        TableConfigOptions.class)) {
            for (Field field : options.getFields()) {
                if (Modifier.isStatic(field.getModifiers())
                        && ConfigOption.class.isAssignableFrom(field.getType())) {
                    String key = ((ConfigOption<?>) field.get(null)).key();
                    if (MsfProgrammaticConfig.isAllowed(key)) {
                        keys.add(key);
                    }
                }
            }
        }
        return new ArrayList<>(keys);
    }

    /** Flink's context environment for programs, recording what it submits. */
    static final class Capturing extends StreamContextEnvironment {
        static final List<StreamGraph> GRAPHS = new java.util.concurrent.CopyOnWriteArrayList<>();
        static final List<JobClient> CLIENTS = new java.util.concurrent.CopyOnWriteArrayList<>();

        private Capturing(Configuration platform, Configuration merged, ClassLoader loader) {
            super(
                    new DefaultExecutorServiceLoader(),
                    platform,
                    merged,
                    loader,
                    false,
                    true,
                    platform.get(DeploymentOptions.PROGRAM_CONFIG_ENABLED),
                    platform.get(DeploymentOptions.PROGRAM_CONFIG_WILDCARDS));
        }

        static void setAsContext(Configuration platform) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            initializeContextEnvironment(
                    programConfig -> {
                        Configuration merged = new Configuration();
                        merged.addAll(platform);
                        merged.addAll(programConfig);
                        return new Capturing(platform, merged, loader);
                    });
        }

        @Override
        public JobClient executeAsync(StreamGraph graph) throws Exception {
            GRAPHS.add(graph);
            JobClient client = super.executeAsync(graph);
            CLIENTS.add(client);
            return client;
        }
    }
}
