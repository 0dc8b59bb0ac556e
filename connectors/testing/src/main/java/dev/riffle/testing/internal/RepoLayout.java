package dev.riffle.testing.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the Riffle checkout the emulators are installed in. The build passes {@code
 * riffle.repo.root} to tests; the launcher passes it too; otherwise the working directory and its
 * parents are searched for the repository's package.json next to its pom.xml.
 */
public final class RepoLayout {
    public static final String REPO_ROOT_PROPERTY = "riffle.repo.root";

    private RepoLayout() {}

    public static Optional<Path> repoRoot() {
        String configured = System.getProperty(REPO_ROOT_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("RIFFLE_HOME");
        }
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured).toAbsolutePath().normalize());
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("package.json"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return Optional.of(dir);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }
}
