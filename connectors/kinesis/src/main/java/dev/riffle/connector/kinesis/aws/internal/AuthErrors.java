package dev.riffle.connector.kinesis.aws.internal;

import org.apache.flink.annotation.Internal;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

import javax.annotation.Nullable;

import java.util.Optional;
import java.util.Set;

/**
 * Recognises the answers AWS gives when it will not serve a caller: the credentials are not valid
 * (unknown key, wrong secret, expired token) or they lack a permission. Retrying either cannot
 * help, so callers fail instead of retrying forever. The text built here names the error code and
 * what to check, never a credential value.
 */
@Internal
public final class AuthErrors {

    /** The credentials themselves were rejected. */
    private static final Set<String> INVALID_CREDENTIALS =
            Set.of(
                    "UnrecognizedClientException",
                    "InvalidSignatureException",
                    "IncompleteSignatureException",
                    "SignatureDoesNotMatch",
                    "InvalidClientTokenId",
                    "MissingAuthenticationToken",
                    "MissingAuthenticationTokenException",
                    "ExpiredToken",
                    "ExpiredTokenException");

    /** The credentials are valid but not allowed to do this. */
    private static final Set<String> DENIED = Set.of("AccessDeniedException", "AccessDenied");

    private AuthErrors() {}

    /**
     * What went wrong, when {@code error} (or one of its causes) is an authentication or
     * authorization failure: for example {@code "the credentials were rejected
     * (UnrecognizedClientException): check aws.credentials.provider and its keys"}.
     */
    public static Optional<String> describe(@Nullable Throwable error, String action) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!(t instanceof AwsServiceException)) {
                continue;
            }
            AwsServiceException e = (AwsServiceException) t;
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (code != null && INVALID_CREDENTIALS.contains(code)) {
                return Optional.of(
                        String.format(
                                "the credentials were rejected (%s): check"
                                        + " aws.credentials.provider and its keys, or the"
                                        + " role, profile or environment it reads them from",
                                code));
            }
            if ((code != null && DENIED.contains(code)) || e.statusCode() == 403) {
                return Optional.of(
                        String.format(
                                "the credentials are not allowed to %s (%s): grant the"
                                        + " permission to the role or user they belong to",
                                action, code == null ? "HTTP 403" : code));
            }
        }
        return Optional.empty();
    }
}
