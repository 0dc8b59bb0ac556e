package dev.riffle.jobs.sqlrunner;

import dev.riffle.jobs.sqlrunner.script.SqlScriptException;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

/**
 * Reads a script's text from where {@link SqlRunnerOptions#SCRIPT} says: a classpath resource
 * ({@code classpath:sql/x.sql}), a Flink file system URI ({@code s3://bucket/x.sql}, read with the
 * file systems of the cluster, so on MSF with the application's role), or a local path.
 */
@Internal
final class ScriptSource {

    static final String CLASSPATH = "classpath:";

    private ScriptSource() {}

    static String read(String location, ClassLoader classLoader) {
        try {
            if (location.startsWith(CLASSPATH)) {
                String resource = location.substring(CLASSPATH.length()).replaceFirst("^/", "");
                try (InputStream in = classLoader.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new SqlScriptException(
                                String.format(
                                        "Script %s not found: no resource '%s' in the runner jar."
                                                + " Scripts of sql/ are packaged as"
                                                + " classpath:sql/<name>.sql; a script elsewhere is"
                                                + " named by an s3:// URI or a file path",
                                        location, resource));
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            if (location.contains("://")) {
                Path path = new Path(location);
                FileSystem fs = path.getFileSystem();
                try (FSDataInputStream in = fs.open(path)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return Files.readString(java.nio.file.Path.of(location), StandardCharsets.UTF_8);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new SqlScriptException(
                    String.format("Script %s not found: %s", location, e.getMessage()), e);
        } catch (IOException e) {
            throw new SqlScriptException(
                    String.format("Could not read script %s: %s", location, e), e);
        }
    }
}
