package dev.riffle.connector.kinesis.sink.internal;

import org.apache.flink.annotation.Internal;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Sorts PutRecords failures: throttling and transient errors are retried; errors about the stream
 * itself (it does not exist, no permission, its KMS key unusable) fail the job; errors about one
 * record go to the dead-letter output, or fail the job when there is none.
 */
@Internal
public final class SinkErrors {

    /** What to do about a failure. */
    public enum Kind {
        /** Slow down and retry. */
        THROTTLED,
        /** Retry: the service or the network had a transient problem. */
        RETRYABLE,
        /** The stream cannot be written at all: fail the job. */
        STREAM_FATAL,
        /** This record can never be written: dead letter or fail. */
        RECORD_FATAL
    }

    private static final Set<String> THROTTLING_CODES =
            Set.of(
                    "ProvisionedThroughputExceededException",
                    "KMSThrottlingException",
                    "LimitExceededException",
                    "ThrottlingException",
                    "Throttling",
                    "SlowDown",
                    "RequestLimitExceeded",
                    "TooManyRequestsException");

    private static final Set<String> RETRYABLE_CODES =
            Set.of(
                    "InternalFailure",
                    "InternalFailureException",
                    "ServiceUnavailable",
                    "ServiceUnavailableException",
                    "InternalServerError",
                    "RequestTimeout",
                    "RequestTimeoutException");

    private static final Set<String> STREAM_FATAL_CODES =
            Set.of(
                    "ResourceNotFoundException",
                    "AccessDeniedException",
                    "AccessDenied",
                    "UnrecognizedClientException",
                    "InvalidSignatureException",
                    "MissingAuthenticationToken",
                    "ExpiredTokenException",
                    "KMSAccessDeniedException",
                    "KMSDisabledException",
                    "KMSInvalidStateException",
                    "KMSNotFoundException",
                    "KMSOptInRequired",
                    "ResourceInUseException");

    private SinkErrors() {}

    /** The kind of a per-record error code in a PutRecords response. */
    public static Kind ofErrorCode(String code) {
        if (THROTTLING_CODES.contains(code)) {
            return Kind.THROTTLED;
        }
        if (RETRYABLE_CODES.contains(code)) {
            return Kind.RETRYABLE;
        }
        if (STREAM_FATAL_CODES.contains(code)) {
            return Kind.STREAM_FATAL;
        }
        // InvalidArgumentException, ValidationException and codes we do not know: retrying the
        // same bytes cannot help, and an unknown code must not be retried forever.
        return Kind.RECORD_FATAL;
    }

    /** The kind of an exception that failed a whole request. */
    public static Kind ofException(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof AwsServiceException) {
            AwsServiceException e = (AwsServiceException) t;
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (e.isThrottlingException() || (code != null && THROTTLING_CODES.contains(code))) {
                return Kind.THROTTLED;
            }
            if (code != null && STREAM_FATAL_CODES.contains(code)) {
                return Kind.STREAM_FATAL;
            }
            if (code != null && RETRYABLE_CODES.contains(code)) {
                return Kind.RETRYABLE;
            }
            int status = e.statusCode();
            if (status >= 500 || status == 0) {
                return Kind.RETRYABLE;
            }
            if (status == 403 || status == 404) {
                return Kind.STREAM_FATAL;
            }
            return Kind.RECORD_FATAL;
        }
        if (t instanceof SdkClientException) {
            // network, connection, timeouts: transient
            return Kind.RETRYABLE;
        }
        return Kind.RETRYABLE;
    }

    /** The exception's error code, or its class name. */
    public static String codeOf(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof AwsServiceException
                && ((AwsServiceException) t).awsErrorDetails() != null
                && ((AwsServiceException) t).awsErrorDetails().errorCode() != null) {
            return ((AwsServiceException) t).awsErrorDetails().errorCode();
        }
        return t.getClass().getSimpleName();
    }

    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** A hint for the fatal errors a user can fix. */
    public static String hint(String code) {
        switch (code) {
            case "ResourceNotFoundException":
                return " The stream does not exist: check stream.arn (or stream.name and"
                        + " aws.region) and that it was created.";
            case "AccessDeniedException":
            case "AccessDenied":
            case "KMSAccessDeniedException":
                return " The credentials lack permission: grant kinesis:PutRecords on the stream"
                        + " (and kms:GenerateDataKey on its key if it is encrypted).";
            case "UnrecognizedClientException":
            case "InvalidSignatureException":
            case "MissingAuthenticationToken":
            case "ExpiredTokenException":
                return " The credentials are not valid: check aws.credentials.provider.";
            default:
                return "";
        }
    }
}
