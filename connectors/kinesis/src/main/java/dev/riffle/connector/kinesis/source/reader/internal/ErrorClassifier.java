package dev.riffle.connector.kinesis.source.reader.internal;

import org.apache.flink.annotation.Internal;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.KmsThrottlingException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;

/** Which failures of a Kinesis call are worth retrying, and which are throttling. */
@Internal
public final class ErrorClassifier {
    private ErrorClassifier() {}

    /** Kinesis telling us to slow down: retried forever, with backoff. */
    public static boolean isThrottling(Throwable t) {
        return t instanceof ProvisionedThroughputExceededException
                || t instanceof LimitExceededException
                || t instanceof KmsThrottlingException
                || (t instanceof AwsServiceException
                        && ((AwsServiceException) t).isThrottlingException());
    }

    /** A transient failure (network, 5xx): retried a bounded number of times. */
    public static boolean isTransient(Throwable t) {
        if (t instanceof SdkClientException) {
            return true;
        }
        if (t instanceof AwsServiceException) {
            int status = ((AwsServiceException) t).statusCode();
            return status >= 500;
        }
        return false;
    }
}
