package dev.riffle.common.config;

import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static dev.riffle.common.config.ConfigFiles.group;
import static dev.riffle.common.config.ConfigFiles.groups;
import static dev.riffle.common.config.ConfigFiles.output;
import static dev.riffle.common.config.ConfigFiles.source;
import static dev.riffle.common.config.TestSchema.DLQ_BUFFER;
import static dev.riffle.common.config.TestSchema.DLQ_ENABLED;
import static dev.riffle.common.config.TestSchema.INPUT_NAME;
import static dev.riffle.common.config.TestSchema.INPUT_WEIGHT;
import static dev.riffle.common.config.TestSchema.MAX_RECORDS;
import static dev.riffle.common.config.TestSchema.SCHEMA;
import static dev.riffle.common.config.TestSchema.SIZES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind of problem, with the exact text a user reads. */
class JobConfigValidationTest {

    private static final String SOURCE_KEYS =
            "stream.arn, aws.region, source.init.position, max-records-per-fetch, idle-timeout,"
                    + " aws.credentials.provider.basic.secretkey";

    @TempDir Path tmp;
    private ConfigFiles files;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(tmp, SCHEMA);
    }

    @Test
    void reportsAMissingRequiredKeyWithItsDescription() {
        String json =
                groups(
                        group(
                                "kinesis-source",
                                "stream.arn",
                                "arn:aws:kinesis:us-east-1:000000000000:stream/events"),
                        output());

        assertThat(files.failure(json))
                .hasMessage(
                        files.message(
                                "Missing required configuration 'kinesis-source.aws.region' (AWS"
                                        + " region of the stream)"));
    }

    @Test
    void reportsAMissingRequiredGroupWithTheKeysItNeeds() {
        assertThat(files.failure(groups(source())))
                .hasMessage(
                        files.message(
                                "Missing required property group 'output' (How results are"
                                        + " written): add a group with PropertyGroupId 'output' and"
                                        + " the keys format"));
    }

    @Test
    void reportsValuesOfTheWrongTypeWithWhatIsAccepted() {
        String json =
                groups(
                        source(
                                "source.init.position", "earliest",
                                "max-records-per-fetch", "lots",
                                "idle-timeout", "soon"),
                        group("dead-letters", "stream.arn", "x", "enabled", "yes", "buffer", "big"),
                        group("output", "format", "json", "size-classes", "1024;x"));

        assertThat(files.failure(json).problems())
                .containsExactly(
                        "Invalid value 'earliest' for configuration"
                                + " 'kinesis-source.source.init.position': expected one of the"
                                + " allowed values. Accepted: LATEST, TRIM_HORIZON, AT_TIMESTAMP"
                                + " (case-insensitive)",
                        "Invalid value 'lots' for configuration"
                                + " 'kinesis-source.max-records-per-fetch': expected an integer."
                                + " Accepted: an integer from 1 to 10000",
                        "Invalid value 'soon' for configuration 'kinesis-source.idle-timeout':"
                                + " expected a duration such as '30 s' or 'PT30S'. Accepted: a"
                                + " duration from 1 s to 10 min",
                        "Invalid value 'yes' for configuration 'dead-letters.enabled': expected"
                                + " true or false. Accepted: true, false (case-insensitive)",
                        "Invalid value 'big' for configuration 'dead-letters.buffer': expected a"
                                + " memory size such as '64 mb' or '1 gb'. Accepted: a memory size"
                                + " of at most 64 mb",
                        "Invalid value '1024;x' for configuration 'output.size-classes': expected"
                                + " a list of integers separated by ';'. Accepted: values separated"
                                + " by ';', each an integer from -9223372036854775808 to"
                                + " 9223372036854775807");
    }

    @Test
    void reportsValuesOutOfRangeOrNotAllowed() {
        String json =
                groups(
                        group(
                                "kinesis-source",
                                "stream.arn",
                                "events",
                                "aws.region",
                                "us-east-1",
                                "max-records-per-fetch",
                                "20000",
                                "idle-timeout",
                                "500 ms"),
                        group("dead-letters", "stream.arn", "x", "buffer", "1 gb"),
                        group("output", "format", "csv"));

        assertThat(files.failure(json).problems())
                .containsExactly(
                        "Invalid value 'events' for configuration 'kinesis-source.stream.arn':"
                                + " must match the pattern"
                                + " arn:aws:kinesis:[a-z0-9-]+:[0-9]{12}:stream/.+. Accepted: a"
                                + " stream ARN such as"
                                + " 'arn:aws:kinesis:us-east-1:000000000000:stream/events'",
                        "Invalid value '20000' for configuration"
                                + " 'kinesis-source.max-records-per-fetch': must be at most 10000."
                                + " Accepted: an integer from 1 to 10000",
                        "Invalid value '500 ms' for configuration 'kinesis-source.idle-timeout':"
                                + " must be at least 1 s. Accepted: a duration from 1 s to 10 min",
                        "Invalid value '1 gb' for configuration 'dead-letters.buffer': must be at"
                                + " most 64 mb. Accepted: a memory size of at most 64 mb",
                        "Invalid value 'csv' for configuration 'output.format': must be one of the"
                                + " allowed values. Accepted: one of 'json', 'parquet'");
    }

    @Test
    void reportsAnUnknownKeyWithTheKnownKeysAndAGuess() {
        String json = groups(source("stream.ar", "x", "colour", "blue"), output());

        assertThat(files.failure(json).problems())
                .containsExactly(
                        "Unknown configuration 'kinesis-source.stream.ar'. Did you mean"
                                + " 'kinesis-source.stream.arn'? Known keys of group"
                                + " 'kinesis-source': "
                                + SOURCE_KEYS,
                        "Unknown configuration 'kinesis-source.colour'. Known keys of group"
                                + " 'kinesis-source': "
                                + SOURCE_KEYS);
    }

    @Test
    void reportsAnUnknownGroupWithTheKnownGroupsAndAGuess() {
        String json =
                groups(
                        source(),
                        output(),
                        group("kinesis-sorce"),
                        group("InputStreams1", "name", "a"),
                        group("metrics"));

        String known = "Known groups: kinesis-source, dead-letters, output, InputStream<n>";
        assertThat(files.failure(json).problems())
                .containsExactly(
                        "Unknown property group 'kinesis-sorce'. Did you mean 'kinesis-source'? "
                                + known,
                        "Unknown property group 'InputStreams1'. Did you mean 'InputStream1'? "
                                + known,
                        "Unknown property group 'metrics'. " + known);
    }

    @Test
    void reportsEveryProblemAtOnceInOneMessage() {
        String json =
                groups(
                        group(
                                "kinesis-source",
                                "stream.arn",
                                "arn:aws:kinesis:us-east-1:000000000000:stream/e",
                                "max-records-per-fetch",
                                "0",
                                "idle-timeout",
                                "soon",
                                "regoin",
                                "us-east-1"),
                        group("dead-letters", "enabled", "true"),
                        group("outputs", "format", "json"));

        assertThat(files.failure(json))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage(
                        files.message(
                                "Missing required configuration 'kinesis-source.aws.region' (AWS"
                                        + " region of the stream)",
                                "Invalid value '0' for configuration"
                                        + " 'kinesis-source.max-records-per-fetch': must be at"
                                        + " least 1. Accepted: an integer from 1 to 10000",
                                "Invalid value 'soon' for configuration"
                                        + " 'kinesis-source.idle-timeout': expected a duration such"
                                        + " as '30 s' or 'PT30S'. Accepted: a duration from 1 s to"
                                        + " 10 min",
                                "Unknown configuration 'kinesis-source.regoin'. Known keys of group"
                                        + " 'kinesis-source': "
                                        + SOURCE_KEYS,
                                "Missing required configuration 'dead-letters.stream.arn' (ARN of"
                                        + " the dead-letter stream)",
                                "Missing required property group 'output' (How results are"
                                        + " written): add a group with PropertyGroupId 'output' and"
                                        + " the keys format",
                                "Unknown property group 'outputs'. Did you mean 'output'? Known"
                                        + " groups: kinesis-source, dead-letters, output,"
                                        + " InputStream<n>"));
    }

    @Test
    void guessesAMisspelledKeyCloseEnoughToAKnownOne() {
        String json = groups(source("idle-timout", "1 min", "aws.regoin", "x"), output());

        assertThat(files.failure(json).problems())
                .containsExactly(
                        "Unknown configuration 'kinesis-source.idle-timout'. Did you mean"
                                + " 'kinesis-source.idle-timeout'? Known keys of group"
                                + " 'kinesis-source': "
                                + SOURCE_KEYS,
                        "Unknown configuration 'kinesis-source.aws.regoin'. Did you mean"
                                + " 'kinesis-source.aws.region'? Known keys of group"
                                + " 'kinesis-source': "
                                + SOURCE_KEYS);
    }

    @Test
    void anAbsentOptionalGroupReadsItsDefaults() {
        JobConfig config = files.load(groups(source(), output()));

        ConfigGroup deadLetters = config.group("dead-letters");
        assertThat(config.hasGroup("dead-letters")).isFalse();
        assertThat(deadLetters.isPresent()).isFalse();
        assertThat(deadLetters.get(DLQ_ENABLED)).isTrue();
        assertThat(deadLetters.get(DLQ_BUFFER)).isEqualTo(MemorySize.parse("1 mb"));
        assertThat(deadLetters.toMap()).isEmpty();
        assertThat(config.group("output").getOptional(SIZES)).isEmpty();
    }

    @Test
    void checksEachInstanceOfARepeatedGroupAndListsThemByIndex() {
        String valid =
                groups(
                        source(),
                        output(),
                        group("InputStream10", "name", "c"),
                        group("InputStream0", "name", "a", "weight", "0.5"),
                        group("InputStream2", "name", "b"));

        JobConfig config = files.load(valid);

        assertThat(config.repeatedGroups("InputStream"))
                .extracting(g -> g.id() + "=" + g.get(INPUT_NAME) + "/" + g.get(INPUT_WEIGHT))
                .containsExactly("InputStream0=a/0.5", "InputStream2=b/1.0", "InputStream10=c/1.0");
        assertThat(config.group("InputStream2").get(INPUT_NAME)).isEqualTo("b");

        String invalid =
                groups(
                        source(),
                        output(),
                        group("InputStream1", "weight", "-1"),
                        group("InputStream01", "name", "x"));
        assertThat(files.failure(invalid).problems())
                .containsExactly(
                        "Missing required configuration 'InputStream1.name' (Name of the input"
                                + " stream)",
                        "Invalid value '-1' for configuration 'InputStream1.weight': must be at"
                                + " least 0.0. Accepted: a number of at least 0.0",
                        "Unknown property group 'InputStream01'. Did you mean 'InputStream1'?"
                                + " Known groups: kinesis-source,"
                                + " dead-letters, output, InputStream<n>");
    }

    @Test
    void readsADeprecatedKeyAndNamesItInProblems() {
        JobConfig config = files.load(groups(source("max-records", "500"), output()));
        assertThat(config.group("kinesis-source").get(MAX_RECORDS)).isEqualTo(500);

        assertThat(files.failure(groups(source("max-records", "0"), output())).problems())
                .containsExactly(
                        "Invalid value '0' for configuration 'kinesis-source.max-records': must be"
                                + " at least 1. Accepted: an integer from 1 to 10000");
    }

    @Test
    void rejectsWhatMsfWouldNotAccept() {
        String json =
                "[\n"
                    + "  {\"PropertyGroupId\": \"kinesis-source\", \"PropertyMap\": {\n"
                    + "    \"stream.arn\": \"arn:aws:kinesis:us-east-1:000000000000:stream/e\",\n"
                    + "    \"aws.region\": \"us-east-1\", \"max-records-per-fetch\": 500}},\n"
                    + "  {\"PropertyGroupId\": \"output\", \"PropertyMap\": {\"format\":"
                    + " \"json\"}},\n"
                    + "  {\"PropertyGroupId\": \"output\", \"PropertyMap\": {}},\n"
                    + "  {\"PropertyGroupId\": \"dead-letters\", \"Properties\": {}},\n"
                    + "  {\"PropertyMap\": {}},\n"
                    + "  \"InputStream0\"\n"
                    + "]";

        assertThat(files.failure(json).problems())
                .containsExactly(
                        "Invalid value for configuration 'kinesis-source.max-records-per-fetch': a"
                                + " JSON number; property values are JSON strings, as in MSF (put"
                                + " the value in quotes)",
                        "Property group 'dead-letters' has an unexpected field 'Properties'; a"
                                + " property group has exactly PropertyGroupId and PropertyMap",
                        "Property group 'dead-letters' has no PropertyMap (a JSON object of string"
                                + " values)",
                        "Property group #5 has no PropertyGroupId (a JSON string)",
                        "Property group #6 is a JSON string; expected {\"PropertyGroupId\":"
                                + " \"...\", \"PropertyMap\": {...}}",
                        "Property group 'output' is defined 2 times; MSF accepts each"
                                + " PropertyGroupId once: merge them into one group",
                        "Missing required configuration 'dead-letters.stream.arn' (ARN of the"
                                + " dead-letter stream)");
    }

    @Test
    void keepsUndeclaredKeysOfAGroupThatAcceptsThem() {
        ConfigSchema schema =
                ConfigSchema.builder("passthrough")
                        .group(
                                GroupSpec.builder("client")
                                        .description("Passed to the client as it is.")
                                        .acceptUndeclaredKeys()
                                        .optional(
                                                ConfigOptions.key("retries")
                                                        .intType()
                                                        .defaultValue(3)
                                                        .withDescription("Attempts per call."))
                                        .build())
                        .build();
        ConfigFiles passthrough = new ConfigFiles(tmp, schema);

        JobConfig config =
                passthrough.load(groups(group("client", "retries", "5", "http.proxy", "p:8080")));

        assertThat(config.group("client").toMap())
                .containsExactly(Map.entry("retries", "5"), Map.entry("http.proxy", "p:8080"));
        assertThat(config.group("client").toProperties()).containsEntry("http.proxy", "p:8080");
        assertThat(config.group("client").toConfiguration().toMap()).containsEntry("retries", "5");
    }

    @Test
    void refusesToReadAGroupTheSchemaDoesNotDeclare() {
        JobConfig config = files.load(groups(source(), output()));

        assertThatThrownBy(() -> config.group("sink"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Job 'ingestion' declares no property group 'sink'");
        assertThatThrownBy(() -> config.repeatedGroups("output"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Job 'ingestion' declares no repeated group 'output'");
    }
}
