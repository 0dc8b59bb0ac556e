package dev.riffle.jobs.parquet;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads flink-s3-fs-hadoop the way a cluster does: as a plugin, in its own class loader, from the
 * folder the build copies it to ({@code target/plugins/s3-fs-hadoop}).
 */
final class S3Plugin {

    private S3Plugin() {}

    static void initialize(Map<String, String> s3Properties) throws Exception {
        Path plugins = Path.of(System.getProperty("riffle.plugins.dir", "target/plugins"));
        if (!Files.isDirectory(plugins.resolve("s3-fs-hadoop"))) {
            throw new IllegalStateException(
                    "No "
                            + plugins.resolve("s3-fs-hadoop")
                            + ": run the test through Maven (mvn verify), which copies the plugin");
        }
        Configuration conf = Configuration.fromMap(s3Properties);
        FileSystem.initialize(
                conf,
                new DefaultPluginManager(
                        new DirectoryBasedPluginFinder(plugins).findPlugins(),
                        CoreOptions.getPluginParentFirstLoaderPatterns(conf)));
    }
}
