package dev.riffle.jobs.parquet;

import dev.riffle.testing.flink.LocalFlinkCluster;
import dev.riffle.testing.s3.S3ProxyExtension;
import dev.riffle.testing.s3.TestBucket;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once on S3 (s3proxy), through Flink's S3 filesystem loaded as a plugin from its own jar,
 * as a cluster loads plugins/s3-fs-hadoop: 100,000 records, both TaskManagers killed mid-stream;
 * the bucket's objects are complete Parquet files holding every record once.
 */
class ExactlyOnceS3ITCase {

    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    @RegisterExtension
    static final LocalFlinkCluster FLINK =
            LocalFlinkCluster.builder().taskManagers(2).slotsPerTaskManager(1).build();

    @BeforeAll
    static void loadS3Plugin() throws Exception {
        S3Plugin.initialize(S3.proxy().flinkS3Properties());
    }

    @AfterAll
    static void unloadS3Plugin() {
        FileSystem.initialize(new Configuration(), null);
    }

    @Test
    void everyRecordExactlyOnceInCommittedObjects(@TempDir Path download) throws Exception {
        TestBucket bucket = S3.createBucket();

        ExactlyOnceScenario.runKillingBothTaskManagers(
                FLINK, ExactlyOnceScenario.settings("s3://" + bucket.name() + "/lake"));

        List<String> keys = bucket.keys("lake/");
        assertThat(keys)
                .as("objects are committed Parquet files, none in progress")
                .isNotEmpty()
                .allMatch(k -> k.startsWith("lake/events/") && k.endsWith(".parquet"))
                .allMatch(k -> LakeContents.isVisible(k));
        for (String key : keys) {
            Path file = download.resolve(key.substring("lake/".length()));
            Files.createDirectories(file.getParent());
            Files.write(file, bucket.get(key));
        }
        ExactlyOnceScenario.assertExactlyOnce(LakeContents.parquetRows(download));
    }
}
