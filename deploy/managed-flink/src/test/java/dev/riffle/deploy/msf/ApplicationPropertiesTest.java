package dev.riffle.deploy.msf;

import dev.riffle.common.config.ConfigSchema;
import dev.riffle.common.config.JobConfig;
import dev.riffle.common.config.JobConfigLoader;
import dev.riffle.deploy.msf.model.Deployment;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every application's properties, read as MSF would hand them to the job (placeholders filled in),
 * pass the job's own configuration check: the file cannot drift from the job.
 */
class ApplicationPropertiesTest {

    @TempDir Path tmp;

    @TestFactory
    Stream<DynamicTest> everyApplicationsPropertiesPassItsJobsSchema() {
        return Deployments.all().stream()
                .flatMap(d -> d.apps().stream())
                .map(app -> DynamicTest.dynamicTest(app.name(), () -> validate(app)));
    }

    private void validate(Deployment.App app) throws IOException, ReflectiveOperationException {
        ConfigSchema schema = schema(app.descriptor().configSchema());
        Path msf =
                Files.writeString(
                        tmp.resolve(app.name() + ".json"), app.properties().sampledJson());

        JobConfig config =
                JobConfigLoader.builder(schema).msfPropertiesFile(msf).build().load(new String[0]);

        assertThat(config.source().mode())
                .isEqualTo(dev.riffle.common.config.ConfigSource.Mode.MSF);
        assertThat(config.groupIds())
                .containsExactlyInAnyOrderElementsOf(app.properties().groups().keySet());
    }

    /** {@code class#FIELD} to the schema it names. */
    static ConfigSchema schema(String reference) throws ReflectiveOperationException {
        List<String> parts = List.of(reference.split("#"));
        assertThat(parts).as("configSchema '%s' is written class#FIELD", reference).hasSize(2);
        Field field = Class.forName(parts.get(0)).getField(parts.get(1));
        return (ConfigSchema) field.get(null);
    }
}
