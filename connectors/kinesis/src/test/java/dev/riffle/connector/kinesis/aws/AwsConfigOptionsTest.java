package dev.riffle.connector.kinesis.aws;

import org.apache.flink.configuration.ConfigOption;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Pins every aws.* key and default: they are the official connector's and users depend on them. */
class AwsConfigOptionsTest {

    @Test
    void keysAreTheOfficialConnectorsKeys() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("aws.region", null);
        expected.put("aws.endpoint", null);
        expected.put("aws.credentials.provider", CredentialsProviderType.AUTO);
        expected.put("aws.credentials.provider.basic.accesskeyid", null);
        expected.put("aws.credentials.provider.basic.secretkey", null);
        expected.put("aws.credentials.provider.profile.name", null);
        expected.put("aws.credentials.provider.profile.path", null);
        expected.put("aws.credentials.provider.role.arn", null);
        expected.put("aws.credentials.provider.role.sessionName", null);
        expected.put("aws.credentials.provider.role.externalId", null);
        expected.put("aws.credentials.provider.role.provider", CredentialsProviderType.AUTO);
        expected.put("aws.credentials.provider.role.stsEndpoint", null);
        expected.put("aws.credentials.provider.webIdentityToken.file", null);
        expected.put("aws.trust.all.certificates", false);
        expected.put("aws.http.protocol.version", HttpProtocolVersion.HTTP2);
        expected.put("aws.http-client.max-concurrency", 10_000);
        expected.put("aws.http-client.read-timeout", null);

        Map<String, Object> actual = new LinkedHashMap<>();
        for (ConfigOption<?> o : AwsConfigOptions.all()) {
            actual.put(o.key(), o.hasDefaultValue() ? o.defaultValue() : null);
            assertThat(o.description().toString()).as(o.key()).isNotBlank();
        }
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @Test
    void readTimeoutAcceptsBareMillisecondsLikeTheOfficialConnector() {
        AwsSettings s = AwsSettings.from(Map.of("aws.http-client.read-timeout", "360000"));
        assertThat(s.readTimeout()).contains(Duration.ofMinutes(6));
    }

    @Test
    void credentialsProviderTypesAreTheOfficialNames() {
        assertThat(CredentialsProviderType.values())
                .extracting(Enum::name)
                .containsExactly(
                        "AUTO",
                        "BASIC",
                        "PROFILE",
                        "ASSUME_ROLE",
                        "WEB_IDENTITY_TOKEN",
                        "ENV_VAR",
                        "SYS_PROP");
    }
}
