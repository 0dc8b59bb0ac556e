package dev.riffle.deploy.msf;

import dev.riffle.deploy.msf.guard.AllowedSettingsJob;
import dev.riffle.deploy.msf.guard.SetsCheckpointingJob;
import dev.riffle.deploy.msf.guard.SetsParallelismJob;

import org.apache.flink.client.program.MutatedConfigurationException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The launch used for every job catches what MSF 2.2 rejects: a main() that sets checkpointing or
 * parallelism fails at submission, one that sets only what MSF allows runs.
 */
class MsfGuardITCase {

    private static final String NO_PROPERTIES = "[]";

    private static MsfLaunch msf;

    @TempDir Path tmp;

    @BeforeAll
    static void start() throws Exception {
        msf = MsfLaunch.start(2);
    }

    @AfterAll
    static void stop() throws Exception {
        msf.close();
    }

    @Test
    void rejectsAJobThatEnablesCheckpointingInCode() throws Exception {
        assertThatThrownBy(() -> launch(SetsCheckpointingJob.class.getName()))
                .isInstanceOf(MutatedConfigurationException.class)
                .hasMessageContaining("execution.checkpointing.interval");
    }

    @Test
    void rejectsAJobThatSetsParallelismInCode() throws Exception {
        assertThatThrownBy(() -> launch(SetsParallelismJob.class.getName()))
                .isInstanceOf(MutatedConfigurationException.class)
                .hasMessageContaining("parallelism.default");
    }

    @Test
    void runsAJobThatSetsOnlyWhatMsfAllows() throws Throwable {
        MsfLaunch.Launched launched = launch(AllowedSettingsJob.class.getName());

        msf.awaitRunning(launched.jobId());
        assertThat(launched.graph().getStreamNodes())
                .extracting(n -> n.getTransformationUID())
                .contains("numbers", "discard");
        msf.cancel(launched.jobId());
    }

    private MsfLaunch.Launched launch(String mainClass) throws Throwable {
        return msf.launch(
                mainClass,
                NO_PROPERTIES,
                msf.platformConfiguration(2, Duration.ofSeconds(60)),
                tmp);
    }
}
