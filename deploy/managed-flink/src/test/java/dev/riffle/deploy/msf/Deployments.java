package dev.riffle.deploy.msf;

import dev.riffle.deploy.msf.model.Deployment;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * The deployments the tests check: the real one of the repository and a sample that uses every
 * feature.
 */
final class Deployments {

    private Deployments() {}

    /** {@code deploy/managed-flink} of this repository. */
    static Path realDir() {
        String root = System.getProperty("riffle.repo.root");
        return root != null
                ? Path.of(root, "deploy", "managed-flink")
                : Path.of("").toAbsolutePath();
    }

    /** A deployment with one SQL runner application whose descriptor uses every kind of entry. */
    static Path sampleDir() {
        try {
            return Path.of(Deployments.class.getResource("/sample-deployment/suite.json").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Deployment> all() {
        return List.of(Deployment.load(realDir()), Deployment.load(sampleDir()));
    }
}
