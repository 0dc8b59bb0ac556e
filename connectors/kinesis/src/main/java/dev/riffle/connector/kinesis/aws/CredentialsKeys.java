package dev.riffle.connector.kinesis.aws;

import org.apache.flink.annotation.Internal;

import java.util.List;

/** Key suffixes below a credentials prefix; they repeat for a nested role provider. */
@Internal
final class CredentialsKeys {
    static final String ACCESS_KEY_ID = ".basic.accesskeyid";
    static final String SECRET_KEY = ".basic.secretkey";
    static final String PROFILE_NAME = ".profile.name";
    static final String PROFILE_PATH = ".profile.path";
    static final String ROLE_ARN = ".role.arn";
    static final String ROLE_SESSION_NAME = ".role.sessionName";
    static final String ROLE_EXTERNAL_ID = ".role.externalId";
    static final String ROLE_PROVIDER = ".role.provider";
    static final String ROLE_STS_ENDPOINT = ".role.stsEndpoint";
    static final String WEB_IDENTITY_TOKEN_FILE = ".webIdentityToken.file";

    static final List<String> ALL =
            List.of(
                    ACCESS_KEY_ID,
                    SECRET_KEY,
                    PROFILE_NAME,
                    PROFILE_PATH,
                    ROLE_ARN,
                    ROLE_SESSION_NAME,
                    ROLE_EXTERNAL_ID,
                    ROLE_PROVIDER,
                    ROLE_STS_ENDPOINT,
                    WEB_IDENTITY_TOKEN_FILE);

    private CredentialsKeys() {}
}
