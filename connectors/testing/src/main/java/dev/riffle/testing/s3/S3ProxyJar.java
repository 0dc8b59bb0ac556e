package dev.riffle.testing.s3;

import dev.riffle.testing.internal.EmulatorVersions;
import dev.riffle.testing.internal.RepoLayout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds s3proxy's self-contained jar. The build copies it to {@code
 * connectors/testing/target/emulators/}; Maven's local repository holds it too once any build has
 * resolved it. The system property {@value #JAR_PROPERTY} overrides both.
 */
final class S3ProxyJar {
    static final String JAR_PROPERTY = "riffle.s3proxy.jar";

    private S3ProxyJar() {}

    static Path locate() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty(JAR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        String fileName = "s3proxy-" + EmulatorVersions.s3proxy() + "-jar-with-dependencies.jar";
        RepoLayout.repoRoot()
                .ifPresent(
                        root ->
                                candidates.add(
                                        root.resolve("connectors/testing/target/emulators")
                                                .resolve(fileName)));
        candidates.add(
                localRepository()
                        .resolve("org/gaul/s3proxy")
                        .resolve(EmulatorVersions.s3proxy())
                        .resolve(fileName));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                String.format(
                        "s3proxy %s is not available (looked in %s). Build the testing module"
                                + " (`mvn -pl connectors/testing package -DskipTests`) or fetch it"
                                + " with `mvn dependency:get"
                                + " -Dartifact=org.gaul:s3proxy:%s:jar:jar-with-dependencies`.",
                        EmulatorVersions.s3proxy(), candidates, EmulatorVersions.s3proxy()));
    }

    private static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }
}
