package dev.riffle.deploy.msf;

import dev.riffle.deploy.msf.model.Deployment;
import dev.riffle.deploy.msf.model.Deployment.InvalidDeploymentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The descriptors and properties are checked together, and every problem is reported at once. */
class DeploymentTest {

    @TempDir Path tmp;

    @Test
    void theRepositorysDeploymentAndTheSampleAreValid() {
        assertThat(Deployment.load(Deployments.realDir()).suite().streams())
                .extracting(s -> s.name())
                .contains("raw-events", "events", "dead-letters", "alerts");
        Deployment sample = Deployment.load(Deployments.sampleDir());
        assertThat(sample.apps()).extracting(Deployment.App::name).containsExactly("sample-sql");
    }

    @Test
    void reportsPermissionsAndPropertiesThatDisagree() throws IOException {
        Path dir = copySample();
        Path props = dir.resolve("apps/sample-sql/application_properties.json");
        Files.writeString(
                props,
                Files.readString(props)
                        // a stream the descriptor does not grant
                        .replace(
                                "\"rows\": \"1000\"",
                                "\"rows\": \"1000\", \"other\":"
                                        + " \"arn:aws:kinesis:us-east-1:1:stream/raw-events\"")
                        // the descriptor's property now points at another stream
                        .replace("stream/alerts\"", "stream/events\"")
                        // an S3 path outside the granted prefixes
                        .replace("/sample/\"", "/elsewhere/\"")
                        .replace("${AWS::Region}/reference", "${Region}/reference"));

        assertThatThrownBy(() -> Deployment.load(dir))
                .isInstanceOf(InvalidDeploymentException.class)
                .satisfies(
                        e ->
                                assertThat(((InvalidDeploymentException) e).problems())
                                        .containsExactlyInAnyOrder(
                                                props
                                                        + ": sql-variables.alerts.stream.arn is"
                                                        + " 'arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/events';"
                                                        + " the descriptor says it holds stream"
                                                        + " 'alerts': expected"
                                                        + " 'arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/alerts'"
                                                        + " (or the bare name)",
                                                props
                                                        + ": sql-variables.lake.path is"
                                                        + " 's3://sample-lake-${AWS::AccountId}-${AWS::Region}/elsewhere/'"
                                                        + " but the descriptor grants WRITE only"
                                                        + " under"
                                                        + " s3://sample-lake-${AWS::AccountId}-${AWS::Region}/sample/",
                                                props
                                                        + ": sql-variables.reference.path is"
                                                        + " 's3://sample-lake-${AWS::AccountId}-${Region}/reference/cameras.csv'"
                                                        + " but the descriptor grants READ only"
                                                        + " under"
                                                        + " s3://sample-lake-${AWS::AccountId}-${AWS::Region}/reference/",
                                                props
                                                        + ": sql-variables.reference.path uses"
                                                        + " ${Region}; allowed placeholders: "
                                                        + dev.riffle.deploy.msf.model.Placeholders
                                                                .ALLOWED,
                                                props
                                                        + ": sql-variables.reference.path points at"
                                                        + " s3://sample-lake-${AWS::AccountId}-${Region}/reference/cameras.csv,"
                                                        + " which no S3 entry of the descriptor"
                                                        + " covers",
                                                props
                                                        + ": sql-variables.lake.path points at"
                                                        + " s3://sample-lake-${AWS::AccountId}-${AWS::Region}/elsewhere/,"
                                                        + " which no S3 entry of the descriptor"
                                                        + " covers",
                                                props
                                                        + ": sql-variables.other points at stream"
                                                        + " 'raw-events', which the descriptor"
                                                        + " neither reads nor writes"));
    }

    @Test
    void rejectsUnknownStreamsWildcardActionsAndUnknownFields() throws IOException {
        Path dir = copySample();
        Path descriptor = dir.resolve("apps/sample-sql/application.json");
        Files.writeString(
                descriptor,
                Files.readString(descriptor)
                        .replace("{\"stream\": \"alerts\"", "{\"stream\": \"nowhere\"")
                        .replace(
                                "\"scaling\"",
                                "\"extraStatements\": [{\"sid\": \"All\", \"actions\":"
                                        + " [\"kinesis:*\"], \"resources\": [\"*\"], \"reason\":"
                                        + " \"lazy\"}], \"scaling\""));

        assertThatThrownBy(() -> Deployment.load(dir))
                .hasMessageContaining("has 2 problems")
                .hasMessageContaining(
                        descriptor + ": stream 'nowhere' is not declared in suite.json")
                .hasMessageContaining(
                        descriptor
                                + ": statement All grants 'kinesis:*'; name each action, no"
                                + " wildcards");

        Files.writeString(
                descriptor,
                Files.readString(descriptor).replace("\"alarms\"", "\"alarmz\": 1, \"alarms\""));
        assertThatThrownBy(() -> Deployment.load(dir))
                .hasMessageContaining(descriptor + ": Unrecognized field \"alarmz\"");
    }

    @Test
    void theGrantedFanOutConsumerMustBeTheOneTheSourceUses() throws IOException {
        Path dir = copySample();
        Path descriptor = dir.resolve("apps/sample-sql/application.json");
        Path props = dir.resolve("apps/sample-sql/application_properties.json");
        Files.writeString(
                descriptor,
                Files.readString(descriptor)
                        .replace("sql-variables.events.stream.arn", "kinesis-source.stream.arn"));
        String source =
                "{\"PropertyGroupId\": \"kinesis-source\", \"PropertyMap\": {\"stream.arn\":"
                    + " \"arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/events\","
                    + " \"source.reader.type\": \"%s\", \"source.efo.consumer.name\": \"other\"}},";
        String original = Files.readString(props);
        Files.writeString(
                props,
                "[" + String.format(source, "EFO") + original.substring(original.indexOf('[') + 1));

        assertThatThrownBy(() -> Deployment.load(dir))
                .hasMessageContaining(
                        props
                                + ": kinesis-source reads stream 'events' through enhanced fan-out"
                                + " consumer 'other' but the descriptor grants consumer"
                                + " 'sample-sql' (efoConsumer)");

        Files.writeString(
                props,
                "["
                        + String.format(source, "POLLING")
                        + original.substring(original.indexOf('[') + 1));
        assertThatThrownBy(() -> Deployment.load(dir))
                .hasMessageContaining(
                        props
                                + ": kinesis-source polls stream 'events' (source.reader.type ="
                                + " POLLING) but the descriptor grants the enhanced fan-out"
                                + " consumer 'sample-sql': remove efoConsumer");
    }

    private Path copySample() throws IOException {
        Path source = Deployments.sampleDir();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = tmp.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return tmp;
    }
}
