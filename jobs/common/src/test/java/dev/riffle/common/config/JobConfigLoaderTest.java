package dev.riffle.common.config;

import dev.riffle.common.config.ConfigSource.Mode;
import dev.riffle.common.config.TestSchema.Position;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.riffle.common.config.TestSchema.IDLE_TIMEOUT;
import static dev.riffle.common.config.TestSchema.INIT_POSITION;
import static dev.riffle.common.config.TestSchema.MAX_RECORDS;
import static dev.riffle.common.config.TestSchema.PARTITION_BY;
import static dev.riffle.common.config.TestSchema.SCHEMA;
import static dev.riffle.common.config.TestSchema.STREAM_ARN;
import static dev.riffle.common.config.TestSchema.validJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The three modes, their precedence, and what happens when a source cannot be read. */
class JobConfigLoaderTest {

    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/";
    private static final String NL = System.lineSeparator();

    @TempDir Path tmp;

    @Test
    void readsMsfRuntimePropertiesWhenTheirFileExists() throws IOException {
        Path msf = write("application_properties.json", validJson("from-msf"));

        JobConfig config = loader(msf).load(new String[0]);

        assertThat(config.source().mode()).isEqualTo(Mode.MSF);
        assertThat(config.source().location()).isEqualTo(msf.toString());
        assertThat(config.source()).hasToString("MSF application properties " + msf);
        ConfigGroup source = config.group("kinesis-source");
        assertThat(source.isPresent()).isTrue();
        assertThat(source.get(STREAM_ARN)).isEqualTo(ARN + "from-msf");
        assertThat(source.get(INIT_POSITION)).isEqualTo(Position.TRIM_HORIZON);
        assertThat(source.get(IDLE_TIMEOUT)).isEqualTo(Duration.ofMinutes(2));
        assertThat(source.get(MAX_RECORDS)).isEqualTo(10_000);
        assertThat(config.group("output").get(PARTITION_BY)).containsExactly("dt", "hr");
        assertThat(config.groupIds()).containsExactly("kinesis-source", "output");
    }

    @Test
    void readsMsfPropertiesExactlyAsTheRuntimeWritesThem() throws IOException {
        // Compact, as MSF writes the file; property values are always strings there.
        Path msf =
                write(
                        "application_properties.json",
                        "[{\"PropertyGroupId\":\"output\",\"PropertyMap\":{\"format\":\"json\"}},"
                                + "{\"PropertyGroupId\":\"kinesis-source\",\"PropertyMap\":"
                                + "{\"aws.region\":\"eu-west-1\",\"stream.arn\":\""
                                + ARN
                                + "a\",\"max-records-per-fetch\":\"500\"}}]");

        JobConfig config = loader(msf).load(new String[0]);

        assertThat(config.group("kinesis-source").get(MAX_RECORDS)).isEqualTo(500);
        assertThat(config.group("output").toMap())
                .containsExactly(java.util.Map.entry("format", "json"));
        assertThat(config.groupIds()).containsExactly("kinesis-source", "output");
    }

    @Test
    void readsTheFileNamedByConfigArgument() throws IOException {
        Path file = write("ingestion.json", validJson("from-file"));

        JobConfig spaced = loader(absentMsf()).load(new String[] {"--config", file.toString()});
        JobConfig joined = loader(absentMsf()).load(new String[] {"--config=" + file});

        for (JobConfig config : List.of(spaced, joined)) {
            assertThat(config.source().mode()).isEqualTo(Mode.FILE);
            assertThat(config.source()).hasToString("file " + file);
            assertThat(config.group("kinesis-source").get(STREAM_ARN)).isEqualTo(ARN + "from-file");
        }
    }

    @Test
    void leavesTheJobsOwnArgumentsAlone() throws IOException {
        Path file = write("ingestion.json", validJson("from-file"));

        JobConfig config =
                loader(absentMsf())
                        .load(new String[] {"--rate", "100", "--config", file.toString(), "-v"});

        assertThat(config.group("kinesis-source").get(STREAM_ARN)).isEqualTo(ARN + "from-file");
    }

    @Test
    void readsTheClasspathResourceNamedByConfigArgument() {
        JobConfig config =
                loader(absentMsf())
                        .load(new String[] {"--config", "classpath:config/explicit.json"});

        assertThat(config.source().mode()).isEqualTo(Mode.CLASSPATH);
        assertThat(config.source()).hasToString("classpath resource config/explicit.json");
        assertThat(config.group("kinesis-source").get(STREAM_ARN))
                .isEqualTo(ARN + "from-classpath");
    }

    @Test
    void readsTheJobsDefaultResourceWhenNothingElseIsGiven() {
        JobConfig config = loader(absentMsf()).load(new String[0]);

        assertThat(config.source().mode()).isEqualTo(Mode.CLASSPATH);
        assertThat(config.source())
                .hasToString("classpath resource config/default.json (the job's default)");
        assertThat(config.group("kinesis-source").get(STREAM_ARN)).isEqualTo(ARN + "from-default");
    }

    @Test
    void configArgumentWinsOverMsfProperties() throws IOException {
        Path msf = write("application_properties.json", validJson("from-msf"));
        Path file = write("local.json", validJson("from-file"));

        JobConfig fromFile = loader(msf).load(new String[] {"--config", file.toString()});
        JobConfig fromClasspath =
                loader(msf).load(new String[] {"--config", "classpath:config/explicit.json"});

        assertThat(fromFile.group("kinesis-source").get(STREAM_ARN)).isEqualTo(ARN + "from-file");
        assertThat(fromClasspath.group("kinesis-source").get(STREAM_ARN))
                .isEqualTo(ARN + "from-classpath");
    }

    @Test
    void msfPropertiesWinOverTheDefaultResource() throws IOException {
        Path msf = write("application_properties.json", validJson("from-msf"));

        JobConfig config = loader(msf).load(new String[0]);

        assertThat(config.source().mode()).isEqualTo(Mode.MSF);
        assertThat(config.group("kinesis-source").get(STREAM_ARN)).isEqualTo(ARN + "from-msf");
    }

    @Test
    void namesTheThreeWaysWhenNoConfigurationIsFound() {
        JobConfigLoader loader =
                JobConfigLoader.builder(SCHEMA)
                        .msfPropertiesFile(absentMsf())
                        .defaultResource("config/not-there.json")
                        .build();

        assertThatThrownBy(() -> loader.load(new String[0]))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage(
                        "No configuration found for job 'ingestion'. Provide it in one of three"
                                + " ways:"
                                + NL
                                + "- on Managed Service for Apache Flink: define the application's"
                                + " runtime properties (property groups); MSF writes them to "
                                + absentMsf()
                                + ", which does not exist here"
                                + NL
                                + "- on a local cluster: pass --config /path/to/ingestion.json"
                                + " after the job jar (flink run <job>.jar --config"
                                + " /path/to/ingestion.json)"
                                + NL
                                + "- in tests or the IDE: put the job's default resource"
                                + " 'config/not-there.json' on the classpath, or pass --config"
                                + " classpath:<resource>.json"
                                + NL
                                + "Every way takes the same shape, MSF's application properties:"
                                + " a JSON array of {\"PropertyGroupId\": \"<group>\","
                                + " \"PropertyMap\": {\"<key>\": \"<value>\"}}.");
    }

    @Test
    void reportsAFileThatDoesNotExist() {
        Path missing = tmp.resolve("nope.json");

        assertThatThrownBy(
                        () ->
                                loader(absentMsf())
                                        .load(new String[] {"--config", missing.toString()}))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage(
                        "Configuration file "
                                + missing
                                + " (from --config "
                                + missing
                                + ") does not exist. Pass the path of a JSON file of property"
                                + " groups, for example --config /path/to/ingestion.json");
    }

    @Test
    void reportsADirectoryGivenAsFile() {
        assertThatThrownBy(
                        () -> loader(absentMsf()).load(new String[] {"--config", tmp.toString()}))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage(
                        "Configuration file "
                                + tmp
                                + " (from --config "
                                + tmp
                                + ") is not a regular file");
    }

    @Test
    void reportsAClasspathResourceThatDoesNotExist() {
        assertThatThrownBy(
                        () ->
                                loader(absentMsf())
                                        .load(
                                                new String[] {
                                                    "--config", "classpath:config/nope.json"
                                                }))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage(
                        "Classpath resource 'config/nope.json' (from --config"
                                + " classpath:config/nope.json) was not found by the job's class"
                                + " loader. Check its name, or pass a file instead: --config"
                                + " /path/to/file.json");
    }

    @Test
    void reportsMalformedJsonWithFileAndLocation() throws IOException {
        Path file =
                write(
                        "broken.json",
                        "[\n"
                                + "  {\"PropertyGroupId\": \"output\",\n"
                                + "   \"PropertyMap\": {\"format\": \"json\",}}\n"
                                + "]\n");

        assertThatThrownBy(
                        () -> loader(absentMsf()).load(new String[] {"--config", file.toString()}))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage(
                        "Malformed JSON in file "
                                + file
                                + " at line 3, column 37: Unexpected character ('}' (code 125)):"
                                + " was expecting double-quote to start field name");
    }

    @Test
    void reportsMalformedJsonInMsfPropertiesWithFileAndLocation() throws IOException {
        Path msf =
                write(
                        "application_properties.json",
                        "[{\"PropertyGroupId\": \"output\"\n  \"x\"}]");

        assertThatThrownBy(() -> loader(msf).load(new String[0]))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage(
                        "Malformed JSON in MSF application properties "
                                + msf
                                + " at line 2, column 3: Unexpected character ('\"' (code 34)):"
                                + " was expecting comma to separate Object entries");
    }

    @Test
    void reportsMsfPropertiesThatCannotBeRead() throws IOException {
        Path msf = Files.createDirectories(tmp.resolve("application_properties.json"));

        assertThatThrownBy(() -> loader(msf).load(new String[0]))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage(
                        "Could not read MSF application properties "
                                + msf
                                + ": not a readable file");
    }

    @Test
    void reportsJsonThatIsNotAnArrayOfGroups() throws IOException {
        Path file = write("object.json", "{\"output\": {\"format\": \"json\"}}");

        assertThatThrownBy(
                        () -> loader(absentMsf()).load(new String[] {"--config", file.toString()}))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage(
                        "Configuration in file "
                                + file
                                + " must be a JSON array of property groups, such as"
                                + " [{\"PropertyGroupId\": \"kinesis-source\", \"PropertyMap\":"
                                + " {\"aws.region\": \"us-east-1\"}}]; found a JSON object");
    }

    @Test
    void reportsAnEmptyFile() throws IOException {
        Path file = write("empty.json", "");

        assertThatThrownBy(
                        () -> loader(absentMsf()).load(new String[] {"--config", file.toString()}))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage(
                        "Configuration in file "
                                + file
                                + " is empty; expected a JSON array of property groups, such as"
                                + " [{\"PropertyGroupId\": \"kinesis-source\", \"PropertyMap\":"
                                + " {\"aws.region\": \"us-east-1\"}}]");
    }

    @Test
    void rejectsConfigArgumentWithoutValueOrGivenTwice() {
        String how =
                "--config needs a value: a file path (--config /path/to/file.json) or a classpath"
                        + " resource (--config classpath:name.json)";
        assertThatThrownBy(() -> loader(absentMsf()).load(new String[] {"--config"}))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage(how);
        assertThatThrownBy(() -> loader(absentMsf()).load(new String[] {"--config", "--rate"}))
                .hasMessage(how);
        assertThatThrownBy(() -> loader(absentMsf()).load(new String[] {"--config="}))
                .hasMessage(how);
        assertThatThrownBy(
                        () ->
                                loader(absentMsf())
                                        .load(
                                                new String[] {
                                                    "--config", "a.json", "--config=b.json"
                                                }))
                .hasMessage("--config was given 2 times (a.json, b.json); pass it once");
    }

    @Test
    void systemPropertyMovesTheMsfFileForJobsStartedAsMsfWouldStartThem() throws IOException {
        // A job's main() builds its loader without naming the file; a test that starts it the
        // way MSF does points the property at an MSF-shaped file instead.
        Path msf = write("moved_application_properties.json", validJson("moved"));
        String previous =
                System.setProperty(JobConfigLoader.MSF_PROPERTIES_FILE_PROPERTY, msf.toString());
        try {
            JobConfig config = JobConfigLoader.builder(SCHEMA).build().load(new String[0]);

            assertThat(config.source().mode()).isEqualTo(Mode.MSF);
            assertThat(config.source().location()).isEqualTo(msf.toString());
            assertThat(config.group("kinesis-source").get(STREAM_ARN)).isEqualTo(ARN + "moved");
        } finally {
            if (previous == null) {
                System.clearProperty(JobConfigLoader.MSF_PROPERTIES_FILE_PROPERTY);
            } else {
                System.setProperty(JobConfigLoader.MSF_PROPERTIES_FILE_PROPERTY, previous);
            }
        }
    }

    private JobConfigLoader loader(Path msfFile) {
        return JobConfigLoader.builder(SCHEMA)
                .msfPropertiesFile(msfFile)
                .defaultResource("config/default.json")
                .build();
    }

    private Path absentMsf() {
        return tmp.resolve("etc/flink/application_properties.json");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content);
    }
}
