package dev.riffle.testing;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The identity Riffle's local emulators accept. These keys are not secrets (the emulators accept
 * any signature) and must never be used against AWS; they are distinctive so that a test can grep
 * logs for them and prove no credential is ever printed.
 */
public final class LocalAws {
    /** kinesis-mock's default region and account. */
    public static final String REGION = "us-east-1";

    public static final String ACCOUNT_ID = "000000000000";

    public static final String ACCESS_KEY_ID = "riffle-local-access-key";

    public static final String SECRET_ACCESS_KEY = "riffle-local-secret-key-never-logged";

    private LocalAws() {}

    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }
}
