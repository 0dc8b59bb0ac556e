package dev.riffle.connector.kinesis.aws;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code aws.*} options shared by every Riffle Kinesis component (source, sink, SQL). The keys
 * and meanings are those of the official Flink AWS connectors ({@code AWSConfigConstants}) so that
 * a configuration moves over unchanged; defaults that differ are said so in the description.
 *
 * <p>Credentials options nest: the base credentials of {@link CredentialsProviderType#ASSUME_ROLE}
 * are configured under {@code aws.credentials.provider.role.provider}, e.g. {@code
 * aws.credentials.provider.role.provider=PROFILE} and {@code
 * aws.credentials.provider.role.provider.profile.name=ops}.
 */
@PublicEvolving
public final class AwsConfigOptions {

    private AwsConfigOptions() {}

    /** The prefix of every credentials key; nested providers repeat the suffixes below it. */
    public static final String CREDENTIALS_PROVIDER_PREFIX = "aws.credentials.provider";

    public static final ConfigOption<String> AWS_REGION =
            ConfigOptions.key("aws.region")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The AWS region of the stream, e.g. us-east-1. Required with"
                                    + " stream.name; with stream.arn it defaults to the ARN's"
                                    + " region and must match it when set.");

    public static final ConfigOption<String> AWS_ENDPOINT =
            ConfigOptions.key("aws.endpoint")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Endpoint override, e.g."
                                + " https://vpce-....kinesis.us-east-1.vpce.amazonaws.com or"
                                + " http://127.0.0.1:4567 for an emulator. Derived from the region"
                                + " when unset.");

    public static final ConfigOption<CredentialsProviderType> AWS_CREDENTIALS_PROVIDER =
            ConfigOptions.key(CREDENTIALS_PROVIDER_PREFIX)
                    .enumType(CredentialsProviderType.class)
                    .defaultValue(CredentialsProviderType.AUTO)
                    .withDescription(
                            "Where credentials come from. AUTO is the AWS SDK default chain. When"
                                    + " unset but both basic keys are given, BASIC is used (as in"
                                    + " the official connector).");

    public static final ConfigOption<String> AWS_ACCESS_KEY_ID =
            ConfigOptions.key(CREDENTIALS_PROVIDER_PREFIX + CredentialsKeys.ACCESS_KEY_ID)
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Access key id for BASIC credentials (local use only; never logged).");

    public static final ConfigOption<String> AWS_SECRET_ACCESS_KEY =
            ConfigOptions.key(CREDENTIALS_PROVIDER_PREFIX + CredentialsKeys.SECRET_KEY)
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Secret key for BASIC credentials (local use only; never logged).");

    public static final ConfigOption<String> AWS_PROFILE_NAME =
            ConfigOptions.key(CREDENTIALS_PROVIDER_PREFIX + CredentialsKeys.PROFILE_NAME)
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Profile name for PROFILE credentials (default: 'default').");

    public static final ConfigOption<String> AWS_PROFILE_PATH =
            ConfigOptions.key(CREDENTIALS_PROVIDER_PREFIX + CredentialsKeys.PROFILE_PATH)
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Credentials file for PROFILE credentials (default:"
                                    + " ~/.aws/credentials).");

    public static final ConfigOption<String> AWS_ROLE_ARN =
            ConfigOptions.key(CREDENTIALS_PROVIDER_PREFIX + CredentialsKeys.ROLE_ARN)
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Role to assume for ASSUME_ROLE and WEB_IDENTITY_TOKEN.");

    public static final ConfigOption<String> AWS_ROLE_SESSION_NAME =
            ConfigOptions.key(CREDENTIALS_PROVIDER_PREFIX + CredentialsKeys.ROLE_SESSION_NAME)
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Role session name for ASSUME_ROLE and WEB_IDENTITY_TOKEN (required"
                                    + " for ASSUME_ROLE).");

    public static final ConfigOption<String> AWS_ROLE_EXTERNAL_ID =
            ConfigOptions.key(CREDENTIALS_PROVIDER_PREFIX + CredentialsKeys.ROLE_EXTERNAL_ID)
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "External id for ASSUME_ROLE, if the role's trust policy asks.");

    public static final ConfigOption<CredentialsProviderType> AWS_ROLE_CREDENTIALS_PROVIDER =
            ConfigOptions.key(CREDENTIALS_PROVIDER_PREFIX + CredentialsKeys.ROLE_PROVIDER)
                    .enumType(CredentialsProviderType.class)
                    .defaultValue(CredentialsProviderType.AUTO)
                    .withDescription(
                            "Where the credentials that call AssumeRole come from; its own"
                                    + " settings nest under this key (e.g. '.profile.name').");

    public static final ConfigOption<String> AWS_ROLE_STS_ENDPOINT =
            ConfigOptions.key(CREDENTIALS_PROVIDER_PREFIX + CredentialsKeys.ROLE_STS_ENDPOINT)
                    .stringType()
                    .noDefaultValue()
                    .withDescription("STS endpoint override for ASSUME_ROLE.");

    public static final ConfigOption<String> AWS_WEB_IDENTITY_TOKEN_FILE =
            ConfigOptions.key(CREDENTIALS_PROVIDER_PREFIX + CredentialsKeys.WEB_IDENTITY_TOKEN_FILE)
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Token file for WEB_IDENTITY_TOKEN (default:"
                                    + " AWS_WEB_IDENTITY_TOKEN_FILE).");

    public static final ConfigOption<Boolean> TRUST_ALL_CERTIFICATES =
            ConfigOptions.key("aws.trust.all.certificates")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Trust any TLS certificate, e.g. an emulator's self-signed one. For"
                                + " local use only: requires aws.endpoint, and a warning is logged"
                                + " unless the endpoint is on a loopback address.");

    public static final ConfigOption<HttpProtocolVersion> HTTP_PROTOCOL_VERSION =
            ConfigOptions.key("aws.http.protocol.version")
                    .enumType(HttpProtocolVersion.class)
                    .defaultValue(HttpProtocolVersion.HTTP2)
                    .withDescription(
                            "HTTP protocol of the asynchronous client (enhanced fan-out needs"
                                    + " HTTP2). The synchronous client always uses HTTP/1.1.");

    public static final ConfigOption<Integer> HTTP_CLIENT_MAX_CONCURRENCY =
            ConfigOptions.key("aws.http-client.max-concurrency")
                    .intType()
                    .defaultValue(10_000)
                    .withDescription(
                            "Maximum concurrent requests (async client) and pooled connections"
                                    + " (sync client).");

    public static final ConfigOption<Duration> HTTP_CLIENT_READ_TIMEOUT =
            ConfigOptions.key("aws.http-client.read-timeout")
                    .durationType()
                    .noDefaultValue()
                    .withDescription(
                            "Socket read timeout. A bare number is milliseconds, as in the official"
                                    + " connector. Default: 6 minutes for the asynchronous client"
                                    + " (outlasts a 5-minute enhanced fan-out subscription), the"
                                    + " SDK's 30 seconds for the synchronous one.");

    /** Every top-level {@code aws.*} option, in documentation order. */
    public static List<ConfigOption<?>> all() {
        return List.of(
                AWS_REGION,
                AWS_ENDPOINT,
                AWS_CREDENTIALS_PROVIDER,
                AWS_ACCESS_KEY_ID,
                AWS_SECRET_ACCESS_KEY,
                AWS_PROFILE_NAME,
                AWS_PROFILE_PATH,
                AWS_ROLE_ARN,
                AWS_ROLE_SESSION_NAME,
                AWS_ROLE_EXTERNAL_ID,
                AWS_ROLE_CREDENTIALS_PROVIDER,
                AWS_ROLE_STS_ENDPOINT,
                AWS_WEB_IDENTITY_TOKEN_FILE,
                TRUST_ALL_CERTIFICATES,
                HTTP_PROTOCOL_VERSION,
                HTTP_CLIENT_MAX_CONCURRENCY,
                HTTP_CLIENT_READ_TIMEOUT);
    }

    /** The keys of {@link #all()}. Nested role-provider keys are accepted as well. */
    public static Set<String> knownKeys() {
        Set<String> keys = new LinkedHashSet<>();
        all().forEach(o -> keys.add(o.key()));
        return keys;
    }
}
