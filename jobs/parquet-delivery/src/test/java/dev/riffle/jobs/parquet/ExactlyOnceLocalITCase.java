package dev.riffle.jobs.parquet;

import dev.riffle.testing.flink.LocalFlinkCluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once on a filesystem: 100,000 records, both TaskManagers killed mid-stream; every record
 * is in the lake once, in the folder of its type and event hour, and every visible file is a
 * complete Parquet file.
 */
class ExactlyOnceLocalITCase {

    @RegisterExtension
    static final LocalFlinkCluster FLINK =
            LocalFlinkCluster.builder().taskManagers(2).slotsPerTaskManager(1).build();

    @TempDir Path lake;

    @Test
    void everyRecordExactlyOnceDespiteTwoTaskManagerFailures() throws Exception {
        ExactlyOnceScenario.runKillingBothTaskManagers(
                FLINK, ExactlyOnceScenario.settings(lake.toUri().toString()));

        ExactlyOnceScenario.assertExactlyOnce(LakeContents.parquetRows(lake));
        assertThat(LakeContents.visibleFiles(lake))
                .as("visible files are committed Parquet files, no errors")
                .allMatch(f -> f.startsWith("events/") && f.endsWith(".parquet"));
    }
}
