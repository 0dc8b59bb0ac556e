package dev.riffle.connector.kinesis.aws;

import org.apache.flink.configuration.IllegalConfigurationException;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsSettingsTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";

    @Test
    void nothingConfiguredMeansTheSdkDefaultChainAndDefaultRegionChain() {
        AwsSettings s = AwsSettings.from(Map.of());
        assertThat(s.credentials().type()).isEqualTo(CredentialsProviderType.AUTO);
        assertThat(s.region()).isEmpty();
        assertThat(s.endpoint()).isEmpty();
        assertThat(s.trustAllCertificates()).isFalse();
        assertThat(s.protocol()).isEqualTo(HttpProtocolVersion.HTTP2);
    }

    @Test
    void basicKeysWithoutATypeMeanBasicLikeTheOfficialConnector() {
        AwsSettings s =
                AwsSettings.from(
                        Map.of(
                                "aws.credentials.provider.basic.accesskeyid", KEY_ID,
                                "aws.credentials.provider.basic.secretkey", SECRET));
        assertThat(s.credentials().type()).isEqualTo(CredentialsProviderType.BASIC);
    }

    @Test
    void secretsAreMaskedInToString() {
        AwsSettings s =
                AwsSettings.from(
                        Map.of(
                                "aws.credentials.provider", "BASIC",
                                "aws.credentials.provider.basic.accesskeyid", KEY_ID,
                                "aws.credentials.provider.basic.secretkey", SECRET));
        assertThat(s.toString()).doesNotContain(SECRET).doesNotContain(KEY_ID).contains("******");
    }

    @Test
    void basicWithoutSecretNamesTheMissingKey() {
        assertThatThrownBy(
                        () ->
                                AwsSettings.from(
                                        Map.of(
                                                "aws.credentials.provider",
                                                "BASIC",
                                                "aws.credentials.provider.basic.accesskeyid",
                                                KEY_ID)))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining(
                        "Missing configuration aws.credentials.provider.basic.secretkey:"
                                + " aws.credentials.provider is BASIC, which needs it")
                .hasMessageNotContaining(KEY_ID);
    }

    @Test
    void aBadProviderTypeListsTheAcceptedValues() {
        assertThatThrownBy(() -> AwsSettings.from(Map.of("aws.credentials.provider", "IAM")))
                .hasMessageContaining(
                        "Invalid value 'IAM' for configuration aws.credentials.provider: it is not"
                                + " a credentials provider type. Accepted: AUTO, BASIC, PROFILE,"
                                + " ASSUME_ROLE, WEB_IDENTITY_TOKEN, ENV_VAR, SYS_PROP");
    }

    @Test
    void unknownAwsKeysAreRejectedWithTheKnownKeys() {
        assertThatThrownBy(() -> AwsSettings.from(Map.of("aws.regoin", "us-east-1")))
                .hasMessageContaining(
                        "Invalid value 'us-east-1' for configuration aws.regoin: unknown"
                                + " configuration key (is it misspelled?). Accepted: the keys")
                .hasMessageContaining("aws.region")
                .hasMessageContaining("aws.http-client.read-timeout");
    }

    @Test
    void anUnknownSecretLookingKeyIsRejectedWithoutEchoingItsValue() {
        assertThatThrownBy(
                        () ->
                                AwsSettings.from(
                                        Map.of(
                                                "aws.credentials.provider.basic.secretkeyy",
                                                SECRET)))
                .hasMessageContaining("aws.credentials.provider.basic.secretkeyy")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aBadRegionIsRejected() {
        assertThatThrownBy(() -> AwsSettings.from(Map.of("aws.region", "us-east")))
                .hasMessageContaining(
                        "Invalid value 'us-east' for configuration aws.region: it is not an AWS"
                                + " region id. Accepted: a region id such as us-east-1");
    }

    @Test
    void newRegionsThatTheSdkDoesNotKnowYetAreAccepted() {
        assertThat(AwsSettings.from(Map.of("aws.region", "xx-north-7")).region())
                .contains("xx-north-7");
    }

    @Test
    void anEndpointMustBeAnHttpUrl() {
        assertThatThrownBy(() -> AwsSettings.from(Map.of("aws.endpoint", "localhost:4567")))
                .hasMessageContaining(
                        "Invalid value 'localhost:4567' for configuration aws.endpoint: it has no"
                                + " http or https scheme");
        assertThat(AwsSettings.from(Map.of("aws.endpoint", "http://127.0.0.1:4567")).endpoint())
                .contains(URI.create("http://127.0.0.1:4567"));
    }

    @Test
    void trustingAllCertificatesNeedsALocalEndpoint() {
        assertThatThrownBy(() -> AwsSettings.from(Map.of("aws.trust.all.certificates", "true")))
                .hasMessageContaining(
                        "Invalid value 'true' for configuration aws.trust.all.certificates:"
                                + " trusting every certificate is for local endpoints only");
        AwsSettings s =
                AwsSettings.from(
                        Map.of(
                                "aws.trust.all.certificates", "true",
                                "aws.endpoint", "https://localhost:4568"));
        assertThat(s.trustAllCertificates()).isTrue();
    }

    @Test
    void assumeRoleNeedsARoleArnAndReadsItsNestedBaseCredentials() {
        assertThatThrownBy(
                        () -> AwsSettings.from(Map.of("aws.credentials.provider", "ASSUME_ROLE")))
                .hasMessageContaining("Missing configuration aws.credentials.provider.role.arn");

        Map<String, String> config = new HashMap<>();
        config.put("aws.credentials.provider", "ASSUME_ROLE");
        config.put("aws.credentials.provider.role.arn", "arn:aws:iam::123456789012:role/reader");
        config.put("aws.credentials.provider.role.provider", "PROFILE");
        config.put("aws.credentials.provider.role.provider.profile.name", "ops");
        AwsSettings s = AwsSettings.from(config);
        assertThat(s.credentials().roleProvider().type())
                .isEqualTo(CredentialsProviderType.PROFILE);
        assertThat(s.credentials().roleSessionName()).isEqualTo("riffle");
    }

    @Test
    void aSettingTheChosenTypeIgnoresIsReported() {
        assertThatThrownBy(
                        () ->
                                AwsSettings.from(
                                        Map.of(
                                                "aws.credentials.provider",
                                                "PROFILE",
                                                "aws.credentials.provider.basic.secretkey",
                                                SECRET)))
                .hasMessageContaining(
                        "Invalid value ****** for configuration"
                                + " aws.credentials.provider.basic.secretkey: it is not used when"
                                + " aws.credentials.provider is PROFILE")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> config = new HashMap<>();
        config.put("aws.region", "nowhere");
        config.put("aws.endpoint", "ftp://x");
        config.put("aws.http-client.max-concurrency", "-1");
        config.put("aws.http-client.read-timeout", "soon");
        config.put("aws.http.protocol.version", "HTTP3");
        assertThatThrownBy(() -> AwsSettings.from(config))
                .hasMessageStartingWith("Invalid AWS configuration: 5 problems:")
                .hasMessageContaining("aws.region")
                .hasMessageContaining("aws.endpoint")
                .hasMessageContaining("aws.http-client.max-concurrency: it must be positive")
                .hasMessageContaining(
                        "Invalid value 'soon' for configuration aws.http-client.read-timeout")
                .hasMessageContaining(
                        "Invalid value 'HTTP3' for configuration aws.http.protocol.version: it is"
                                + " not a known value. Accepted: HTTP1_1, HTTP2");
    }
}
