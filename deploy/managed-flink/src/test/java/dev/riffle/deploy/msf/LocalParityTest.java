package dev.riffle.deploy.msf;

import dev.riffle.deploy.msf.model.Deployment;
import dev.riffle.deploy.msf.model.PropertyGroups;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's MSF properties and the job's local file ({@code
 * deploy/local/config/<name>.json}, what {@code riffle submit} passes with {@code --config}) differ
 * only in values: same groups, same keys, except the settings that exist only to reach the
 * emulators.
 */
class LocalParityTest {

    /** Keys that a local file has and an MSF application must not have. */
    static final Set<String> LOCAL_ONLY =
            Set.of(
                    "aws.endpoint",
                    "aws.credentials.provider",
                    "aws.credentials.provider.basic.accesskeyid",
                    "aws.credentials.provider.basic.secretkey",
                    "aws.trust.all.certificates");

    @Test
    void msfAndLocalPropertiesHaveTheSameGroupsAndKeys() {
        Deployment deployment = Deployment.load(Deployments.realDir());
        Path localDir = Deployments.realDir().resolve("../local/config").normalize();
        List<String> compared = new ArrayList<>();
        for (Deployment.App app : deployment.apps()) {
            Path local = localDir.resolve(app.name() + ".json");
            if (!Files.exists(local)) {
                continue;
            }
            List<String> problems = new ArrayList<>();
            PropertyGroups localGroups = PropertyGroups.read(local, problems);
            assertThat(problems).as("problems of %s", local).isEmpty();
            assertThat(keys(app.properties().groups(), false))
                    .as("groups and keys of %s versus %s", app.name(), local)
                    .isEqualTo(keys(localGroups.groups(), true));
            assertThat(keys(app.properties().groups(), true))
                    .as("%s must not carry emulator-only keys %s", app.name(), LOCAL_ONLY)
                    .isEqualTo(keys(app.properties().groups(), false));
            compared.add(app.name());
        }
        System.out.println("Compared with their local files: " + compared);
    }

    private static Map<String, Set<String>> keys(
            Map<String, Map<String, String>> groups, boolean dropLocalOnly) {
        Map<String, Set<String>> out = new TreeMap<>();
        groups.forEach(
                (id, values) -> {
                    Set<String> keys = new TreeSet<>(values.keySet());
                    if (dropLocalOnly) {
                        keys.removeAll(LOCAL_ONLY);
                    }
                    out.put(id, keys);
                });
        return out;
    }
}
