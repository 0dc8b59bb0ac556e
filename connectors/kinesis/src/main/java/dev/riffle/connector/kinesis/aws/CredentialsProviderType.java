package dev.riffle.connector.kinesis.aws;

import org.apache.flink.annotation.PublicEvolving;

/**
 * Where AWS credentials come from ({@code aws.credentials.provider}); the names are those of the
 * official Flink AWS connectors.
 */
@PublicEvolving
public enum CredentialsProviderType {
    /** The AWS SDK default chain: environment, system properties, web identity, profile, IMDS. */
    AUTO,
    /** Static keys from {@code .basic.accesskeyid} / {@code .basic.secretkey}: local use only. */
    BASIC,
    /** A named profile ({@code .profile.name}) from the default or a given file. */
    PROFILE,
    /** STS AssumeRole ({@code .role.arn}), with base credentials from {@code .role.provider}. */
    ASSUME_ROLE,
    /** STS AssumeRoleWithWebIdentity from a token file (EKS service accounts). */
    WEB_IDENTITY_TOKEN,
    /** {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} environment variables. */
    ENV_VAR,
    /** {@code aws.accessKeyId} / {@code aws.secretAccessKey} JVM system properties. */
    SYS_PROP
}
