package dev.riffle.common.config;

import org.apache.flink.configuration.ConfigOptions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static dev.riffle.common.config.ConfigFiles.group;
import static dev.riffle.common.config.ConfigFiles.groups;
import static dev.riffle.common.config.ConfigFiles.output;
import static dev.riffle.common.config.ConfigFiles.source;
import static dev.riffle.common.config.TestSchema.SCHEMA;
import static dev.riffle.common.config.TestSchema.SECRET_KEY;
import static dev.riffle.common.config.TestSchema.SIGNING_PHRASE;
import static org.assertj.core.api.Assertions.assertThat;

/** A secret value never shows up in a message, a toString() or a log line. */
class SecretMaskingTest {

    private static final String SECRET = "hunter2-Sup3rS3cret";

    @TempDir Path tmp;
    private ConfigFiles files;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(tmp, SCHEMA);
    }

    @Test
    void masksAnInvalidSecretValueInTheMessage() {
        String json =
                groups(
                        source(),
                        output(),
                        group("dead-letters", "stream.arn", "x", "signing-phrase", "hunter2"));

        InvalidConfigurationException failure = files.failure(json);

        assertThat(failure)
                .hasMessage(
                        files.message(
                                "Invalid value '******' for configuration"
                                        + " 'dead-letters.signing-phrase': must be at least 12"
                                        + " characters long. Accepted: a phrase of 12 or more"
                                        + " characters"));
        assertThat(failure.getMessage()).doesNotContain("hunter2");
        assertThat(failure.problems()).noneMatch(p -> p.contains("hunter2"));
    }

    @Test
    void masksAValueOfTheWrongTypeUnderASensitiveKey() {
        // "token" makes the key secret by Flink's heuristic, without .secret().
        ConfigSchema schema =
                ConfigSchema.builder("auth")
                        .group(
                                GroupSpec.builder("auth")
                                        .description("How callers authenticate.")
                                        .optional(
                                                ConfigOptions.key("token-ttl")
                                                        .durationType()
                                                        .defaultValue(Duration.ofHours(1))
                                                        .withDescription("Lifetime of a token."))
                                        .build())
                        .build();
        ConfigFiles auth = new ConfigFiles(tmp, schema);

        InvalidConfigurationException failure =
                auth.failure(groups(group("auth", "token-ttl", SECRET)));

        assertThat(failure)
                .hasMessage(
                        auth.message(
                                "Invalid value '******' for configuration 'auth.token-ttl':"
                                        + " expected a duration such as '30 s' or 'PT30S'."
                                        + " Accepted: a number with a unit (ms, s, min, h, d) or an"
                                        + " ISO-8601 duration"));
        assertThat(failure.getMessage()).doesNotContain(SECRET);
    }

    @Test
    void neverQuotesTheValueOfAnUnknownOrMistypedKey() {
        String json =
                "[{\"PropertyGroupId\": \"kinesis-source\", \"PropertyMap\": {\n"
                        + "  \"stream.arn\": \"arn:aws:kinesis:us-east-1:000000000000:stream/e\",\n"
                        + "  \"aws.region\": \"us-east-1\",\n"
                        + "  \"aws.credentials.provider.basic.secretky\": \""
                        + SECRET
                        + "\"}},\n"
                        + " {\"PropertyGroupId\": \"dead-letters\", \"PropertyMap\": {\n"
                        + "  \"stream.arn\": \"x\", \"signing-phrase\": 12345678901234567}},\n"
                        + " {\"PropertyGroupId\": \"output\", \"PropertyMap\": {\"format\":"
                        + " \"json\"}}]";

        InvalidConfigurationException failure = files.failure(json);

        assertThat(failure.problems())
                .containsExactly(
                        "Invalid value for configuration 'dead-letters.signing-phrase': a JSON"
                                + " number; property values are JSON strings, as in MSF (put the"
                                + " value in quotes)",
                        "Unknown configuration"
                            + " 'kinesis-source.aws.credentials.provider.basic.secretky'. Did you"
                            + " mean 'kinesis-source.aws.credentials.provider.basic.secretkey'?"
                            + " Known keys of group 'kinesis-source': stream.arn, aws.region,"
                            + " source.init.position, max-records-per-fetch, idle-timeout,"
                            + " aws.credentials.provider.basic.secretkey");
        assertThat(failure.getMessage()).doesNotContain(SECRET).doesNotContain("12345678901234567");
    }

    @Test
    void keepsAnUnquotedSecretOutOfAJsonSyntaxError() {
        String json =
                "[{\"PropertyGroupId\": \"kinesis-source\", \"PropertyMap\": {\n"
                        + "  \"aws.credentials.provider.basic.secretkey\": "
                        + SECRET
                        + "}}]";

        InvalidConfigurationException failure = files.failure(json);

        assertThat(failure)
                .hasMessage(
                        "Malformed JSON in file "
                                + files.file()
                                + " at line 2, column 55: Unrecognized token: was expecting (JSON"
                                + " String, Number, Array, Object or token 'null', 'true' or"
                                + " 'false')")
                .hasNoCause();
        assertThat(failure.getMessage()).doesNotContain(SECRET).doesNotContain("hunter2");
    }

    @Test
    void masksSecretsInToStringAndInTheLogLineButHandsThemToConnectors() {
        String json =
                groups(
                        source("aws.credentials.provider.basic.secretkey", SECRET),
                        output(),
                        group("dead-letters", "stream.arn", "x", "signing-phrase", SECRET));

        JobConfig config;
        try (LogCapture log = LogCapture.of("dev.riffle.common.config")) {
            config = files.load(json);
            assertThat(log.lines())
                    .containsExactly(
                            "INFO Loaded ingestion configuration from file "
                                    + files.file()
                                    + ": kinesis-source{stream.arn=arn:aws:kinesis:us-east-1:"
                                    + "000000000000:stream/events, aws.region=us-east-1,"
                                    + " aws.credentials.provider.basic.secretkey=******},"
                                    + " output{format=json}, dead-letters{stream.arn=x,"
                                    + " signing-phrase=******}");
        }

        assertThat(config.toString()).doesNotContain(SECRET).contains("secretkey=******");
        assertThat(config.group("kinesis-source").toString())
                .isEqualTo(
                        "kinesis-source{stream.arn=arn:aws:kinesis:us-east-1:000000000000:stream/events,"
                            + " aws.region=us-east-1,"
                            + " aws.credentials.provider.basic.secretkey=******}");
        assertThat(config.group("dead-letters").toString()).doesNotContain(SECRET);
        // The typed and raw accessors are how a connector gets the real value.
        assertThat(config.group("kinesis-source").get(SECRET_KEY)).isEqualTo(SECRET);
        assertThat(config.group("dead-letters").get(SIGNING_PHRASE)).isEqualTo(SECRET);
        assertThat(config.group("kinesis-source").toMap())
                .containsEntry("aws.credentials.provider.basic.secretkey", SECRET);
    }

    @Test
    void treatsDeclaredAndHeuristicSecretsAlike() {
        assertThat(TestSchema.DEAD_LETTERS.isSecretKey("signing-phrase")).isTrue();
        assertThat(TestSchema.SOURCE.isSecretKey("aws.credentials.provider.basic.secretkey"))
                .isTrue();
        assertThat(TestSchema.SOURCE.isSecretKey("undeclared.password")).isTrue();
        assertThat(TestSchema.SOURCE.isSecretKey("aws.region")).isFalse();
    }
}
