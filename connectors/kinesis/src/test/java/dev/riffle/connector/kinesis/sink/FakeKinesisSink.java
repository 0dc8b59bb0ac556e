package dev.riffle.connector.kinesis.sink;

import dev.riffle.connector.kinesis.sink.internal.KinesisSinkClient;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A hand-written Kinesis behind the sink's client interface: each call follows the next scripted
 * behaviour (default: accept everything), completes at once, and records what was asked and what
 * was accepted. Records are UTF-8 text.
 */
final class FakeKinesisSink implements KinesisSinkClient {

    /** Every request, as the texts of its records. */
    final List<List<String>> requests = new ArrayList<>();

    /** Every record the fake stream accepted, in acceptance order. */
    final List<String> accepted = new ArrayList<>();

    private final Deque<Function<PutRecordsRequest, CompletableFuture<PutRecordsResponse>>> script =
            new ArrayDeque<>();
    private Function<PutRecordsRequest, CompletableFuture<PutRecordsResponse>> fallback =
            r -> respond(r, e -> null);
    boolean closed;

    /** The next call fails the records whose text matches with {@code errorCode}. */
    FakeKinesisSink thenFail(Predicate<String> which, String errorCode) {
        script.add(r -> respond(r, e -> which.test(text(e)) ? errorCode : null));
        return this;
    }

    /** The next call accepts everything. */
    FakeKinesisSink thenSucceed() {
        script.add(r -> respond(r, e -> null));
        return this;
    }

    /** The next call fails as a whole with {@code error}. */
    FakeKinesisSink thenThrow(Throwable error) {
        script.add(r -> CompletableFuture.failedFuture(error));
        return this;
    }

    /** Once the script is used up, every call behaves like this. */
    FakeKinesisSink otherwise(
            Function<PutRecordsRequest, CompletableFuture<PutRecordsResponse>> behaviour) {
        fallback = behaviour;
        return this;
    }

    /** Rejects any request holding a record that matches, as Kinesis does for invalid input. */
    FakeKinesisSink rejectingRequestsWith(Predicate<String> which) {
        return otherwise(
                r ->
                        r.records().stream().anyMatch(e -> which.test(text(e)))
                                ? CompletableFuture.failedFuture(invalidArgument())
                                : respond(r, e -> null));
    }

    @Override
    public CompletableFuture<PutRecordsResponse> putRecords(PutRecordsRequest request) {
        List<String> texts = new ArrayList<>();
        request.records().forEach(e -> texts.add(text(e)));
        requests.add(texts);
        Function<PutRecordsRequest, CompletableFuture<PutRecordsResponse>> next =
                script.isEmpty() ? fallback : script.poll();
        return next.apply(request);
    }

    CompletableFuture<PutRecordsResponse> respond(
            PutRecordsRequest request, Function<PutRecordsRequestEntry, String> errorOf) {
        List<PutRecordsResultEntry> results = new ArrayList<>();
        int failed = 0;
        int seq = accepted.size();
        for (PutRecordsRequestEntry e : request.records()) {
            String code = errorOf.apply(e);
            if (code == null) {
                accepted.add(text(e));
                results.add(
                        PutRecordsResultEntry.builder()
                                .shardId("shardId-000000000000")
                                .sequenceNumber(String.valueOf(++seq))
                                .build());
            } else {
                failed++;
                results.add(
                        PutRecordsResultEntry.builder()
                                .errorCode(code)
                                .errorMessage(code + " for " + e.partitionKey())
                                .build());
            }
        }
        return CompletableFuture.completedFuture(
                PutRecordsResponse.builder().failedRecordCount(failed).records(results).build());
    }

    static String text(PutRecordsRequestEntry e) {
        return e.data().asString(StandardCharsets.UTF_8);
    }

    static AwsServiceException resourceNotFound(String stream) {
        return ResourceNotFoundException.builder()
                .message("Stream " + stream + " under account 000000000000 not found.")
                .statusCode(400)
                .awsErrorDetails(
                        AwsErrorDetails.builder()
                                .errorCode("ResourceNotFoundException")
                                .errorMessage(
                                        "Stream "
                                                + stream
                                                + " under account 000000000000 not"
                                                + " found.")
                                .build())
                .build();
    }

    static AwsServiceException invalidArgument() {
        return InvalidArgumentException.builder()
                .message("1 validation error detected")
                .statusCode(400)
                .awsErrorDetails(
                        AwsErrorDetails.builder()
                                .errorCode("InvalidArgumentException")
                                .errorMessage("1 validation error detected")
                                .build())
                .build();
    }

    @Override
    public void close() {
        closed = true;
    }
}
