package dev.riffle.testing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Copies classpath resources to files that child processes can read. */
public final class Resources {
    private Resources() {}

    /** Writes the resource to {@code dir/fileName} (replacing it) and returns the file. */
    public static Path extract(String resource, Path dir, String fileName) {
        try (InputStream in = Resources.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            Files.createDirectories(dir);
            Path target = dir.resolve(fileName);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not extract " + resource + ": " + e, e);
        }
    }
}
