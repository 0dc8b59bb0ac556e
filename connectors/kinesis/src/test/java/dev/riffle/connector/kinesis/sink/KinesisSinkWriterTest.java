package dev.riffle.connector.kinesis.sink;

import dev.riffle.connector.kinesis.sink.KinesisSinkDeadLetter.ErrorType;
import dev.riffle.connector.kinesis.sink.SinkWriterHarness.CollectingDeadLetters;
import dev.riffle.connector.kinesis.sink.internal.KinesisSinkEntry;

import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sink writer against a hand-written fake Kinesis: what is retried, how the rate adapts, what
 * fails the job and what becomes a dead letter. Records are "key:n" strings keyed by "key".
 */
class KinesisSinkWriterTest {

    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/orders";

    private final FakeKinesisSink kinesis = new FakeKinesisSink();

    private KinesisSinkBuilder<String> sink() {
        FakeKinesisSink fake = kinesis;
        return KinesisSink.<String>builder()
                .streamArn(ARN)
                .serializationSchema(new SimpleStringSchema())
                .partitionKeyGenerator(v -> v.substring(0, v.indexOf(':')))
                .clientFactory(settings -> fake);
    }

    private static String[] records(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> "k" + (i % 3) + ":" + i)
                .toArray(String[]::new);
    }

    @Test
    void aPartialFailureResendsOnlyTheFailedEntries() throws Exception {
        kinesis.thenFail(v -> v.equals("k0:3") || v.equals("k1:7"), "InternalFailure");
        try (SinkWriterHarness<String> h =
                new SinkWriterHarness<>(sink().maxBatchSize(10).build())) {
            h.writeAll(records(0, 10));
            h.flush();

            assertThat(kinesis.requests)
                    .containsExactly(List.of(records(0, 10)), List.of("k0:3", "k1:7"));
            assertThat(kinesis.accepted)
                    .containsExactlyInAnyOrder(records(0, 10))
                    .doesNotHaveDuplicates();
            assertThat(h.counter("kinesisRecordsSent")).isEqualTo(10);
            assertThat(h.counter("kinesisRecordsRetried")).isEqualTo(2);
            assertThat(h.counter("kinesisRecordsThrottled")).isZero();
            assertThat(h.counter("numRecordsSendErrors")).isEqualTo(2);
        }
    }

    @Test
    void throttlingHalvesTheRecordsInFlightAndSuccessBringsThemBack() throws Exception {
        KinesisSink<String> sink = sink().maxBatchSize(10).maxInFlightRequests(5).build();
        try (SinkWriterHarness<String> h = new SinkWriterHarness<>(sink)) {
            // Starts at one batch in flight (10 records), grows by 10 per good request to 5 x 10.
            assertThat(h.gauge("kinesisMaxInFlightRecords")).isEqualTo(10);
            h.writeAll(records(0, 60));
            h.flush();
            assertThat(h.gauge("kinesisMaxInFlightRecords")).isEqualTo(50);

            kinesis.thenFail(v -> true, "ProvisionedThroughputExceededException")
                    .thenFail(v -> true, "ProvisionedThroughputExceededException");
            h.writeAll(records(60, 70));
            long waitedBefore = h.clock.waited;
            h.flush();

            // Two throttled attempts: 50 -> 25 -> 13 (rounded); then the third attempt goes
            // through.
            assertThat(kinesis.requests.subList(6, 9))
                    .containsExactly(
                            List.of(records(60, 70)),
                            List.of(records(60, 70)),
                            List.of(records(60, 70)));
            assertThat(h.counter("kinesisRecordsThrottled")).isEqualTo(20);
            assertThat(h.gauge("kinesisMaxInFlightRecords")).isEqualTo(23);
            // The retries waited (backoff 50 ms doubling, with jitter in [d/2, d]).
            assertThat(h.clock.waited - waitedBefore).isBetween(25L + 50L, 50L + 100L);

            h.writeAll(records(70, 100));
            h.flush();
            assertThat(h.gauge("kinesisMaxInFlightRecords")).isEqualTo(50);
            assertThat(kinesis.accepted).containsExactlyInAnyOrder(records(0, 100));
        }
    }

    @Test
    void aMissingStreamFailsAtOnceNamingTheStreamWithoutRetrying() throws Exception {
        kinesis.thenThrow(FakeKinesisSink.resourceNotFound("orders"));
        try (SinkWriterHarness<String> h =
                new SinkWriterHarness<>(sink().maxBatchSize(5).build())) {
            h.writeAll(records(0, 5));

            assertThatThrownBy(h::flush)
                    .isInstanceOf(KinesisSinkException.class)
                    .hasMessage(
                            "The Kinesis sink cannot write to stream "
                                    + ARN
                                    + ": ResourceNotFoundException: Stream orders under account"
                                    + " 000000000000 not found. (Service: null, Status Code: 400,"
                                    + " Request ID: null). The stream does not exist: check"
                                    + " stream.arn (or stream.name and aws.region) and that it was"
                                    + " created.");
            assertThat(kinesis.requests).hasSize(1);
        }
    }

    @Test
    void requestsWithoutAnAnswerAreRetriedAFewTimesThenFailTheJobNamingTheStream()
            throws Exception {
        kinesis.otherwise(
                r ->
                        java.util.concurrent.CompletableFuture.failedFuture(
                                software.amazon.awssdk.core.exception.SdkClientException.create(
                                        "Unable to execute HTTP request: The channel was closed"
                                                + " before the protocol could be determined.")));
        try (SinkWriterHarness<String> h =
                new SinkWriterHarness<>(
                        sink().maxBatchSize(2)
                                .set(KinesisSinkOptions.SINK_RETRY_MAX_CLIENT_FAILURES, 3)
                                .build())) {
            h.writeAll(records(0, 2));
            assertThatThrownBy(h::flush)
                    .isInstanceOf(KinesisSinkException.class)
                    .hasMessage(
                            "The Kinesis sink cannot reach stream "
                                    + ARN
                                    + ": 3 requests in a row got no answer"
                                    + " (sink.retry.max-client-failures). Check aws.endpoint,"
                                    + " the network, and aws.http.protocol.version (HTTP1_1 for"
                                    + " endpoints without HTTP/2, such as kinesis-mock). Last"
                                    + " error:"
                                    + " software.amazon.awssdk.core.exception.SdkClientException:"
                                    + " Unable to execute HTTP request: The channel was closed"
                                    + " before the protocol could be determined.");
            assertThat(kinesis.requests).hasSize(3);
            // 2 records, then 1 (the failure halved the records in flight), then the job fails.
            assertThat(kinesis.requests)
                    .containsExactly(List.of("k0:0", "k1:1"), List.of("k0:0"), List.of("k0:0"));
            assertThat(h.counter("kinesisRecordsRetried")).isEqualTo(3);
        }
    }

    @Test
    void aRecordKinesisRejectsAsInvalidIsIsolatedAndDeadLetteredWhileTheOthersAreWritten()
            throws Exception {
        kinesis.rejectingRequestsWith(v -> v.equals("k1:4"));
        CollectingDeadLetters letters = new CollectingDeadLetters();
        try (SinkWriterHarness<String> h =
                new SinkWriterHarness<>(
                        sink().maxBatchSize(6).deadLetterHandler(letters).build())) {
            h.writeAll(records(0, 6));
            h.flush();

            assertThat(kinesis.accepted)
                    .containsExactlyInAnyOrder("k0:0", "k1:1", "k2:2", "k0:3", "k2:5");
            assertThat(letters.letters).hasSize(1);
            KinesisSinkDeadLetter letter = letters.letters.get(0);
            assertThat(letter.errorType()).isEqualTo(ErrorType.REJECTED);
            assertThat(letter.errorMessage())
                    .isEqualTo(
                            "Kinesis rejected a record for stream "
                                    + ARN
                                    + ": InvalidArgumentException: 1 validation error detected"
                                    + " (Service: null, Status Code: 400, Request ID: null)");
            assertThat(new String(letter.data())).isEqualTo("k1:4");
            assertThat(letter.partitionKey()).isEqualTo("k1");
            assertThat(letter.stream()).isEqualTo(ARN);
            assertThat(h.counter("kinesisRecordsDeadLettered")).isEqualTo(1);
        }
    }

    @Test
    void aRecordOverTheLimitFailsTheJobNamingStreamSizeAndLimitWhenThereAreNoDeadLetters()
            throws Exception {
        try (SinkWriterHarness<String> h =
                new SinkWriterHarness<>(
                        sink().set(KinesisSinkOptions.SINK_RECORD_MAX_SIZE.key(), "100 b")
                                .build())) {
            h.write("k1:fits");
            assertThatThrownBy(() -> h.write("k1:" + "x".repeat(97)))
                    .isInstanceOf(KinesisSinkException.class)
                    .hasMessage(
                            "A record for stream "
                                    + ARN
                                    + " is 102 bytes (data 100 + partition key 2), more than the"
                                    + " limit of 100 bytes (sink.record.max-size). No dead-letter"
                                    + " output is configured (sink.dead-letter.stream.arn or"
                                    + " deadLetterHandler(...)), so the job fails rather than drop"
                                    + " the record.");
        }
    }

    @Test
    void theSizeOfARecordCountsItsPartitionKey() throws Exception {
        CollectingDeadLetters letters = new CollectingDeadLetters();
        KinesisSink<String> sink =
                sink().set(KinesisSinkOptions.SINK_RECORD_MAX_SIZE.key(), "10 b")
                        .partitionKeyGenerator(v -> "key-" + v.length())
                        .deadLetterHandler(letters)
                        .build();
        try (SinkWriterHarness<String> h = new SinkWriterHarness<>(sink)) {
            h.write("abcd"); // 4 + "key-4" 5 = 9 bytes
            h.write("abcdef"); // 6 + 5 = 11 bytes: over
            h.flush();
            assertThat(kinesis.accepted).containsExactly("abcd");
            assertThat(letters.letters)
                    .extracting(KinesisSinkDeadLetter::errorType)
                    .containsExactly(ErrorType.OVERSIZE);
        }
    }

    @Test
    void requestsHoldAtMost500EntriesAndTheConfiguredBytesCountingKeys() throws Exception {
        // 3 records of 30 data bytes + 2 key bytes = 32 bytes each; 70 bytes per request -> 2 each.
        KinesisSink<String> sink =
                sink().set(KinesisSinkOptions.SINK_FLUSH_BUFFER_SIZE.key(), "70 b")
                        .set(KinesisSinkOptions.SINK_RECORD_MAX_SIZE.key(), "64 b")
                        .build();
        try (SinkWriterHarness<String> h = new SinkWriterHarness<>(sink)) {
            String a = "k0:" + "a".repeat(27);
            String b = "k0:" + "b".repeat(27);
            String c = "k0:" + "c".repeat(27);
            h.writeAll(a, b, c);
            h.flush();
            assertThat(kinesis.requests).containsExactly(List.of(a, b), List.of(c));
        }
        FakeKinesisSink many = new FakeKinesisSink();
        KinesisSink<String> big =
                KinesisSink.<String>builder()
                        .streamArn(ARN)
                        .serializationSchema(new SimpleStringSchema())
                        .randomPartitionKey()
                        .clientFactory(settings -> many)
                        .build();
        try (SinkWriterHarness<String> h = new SinkWriterHarness<>(big)) {
            h.writeAll(records(0, 1200));
            h.flush();
            assertThat(many.requests)
                    .allSatisfy(r -> assertThat(r.size()).isLessThanOrEqualTo(500));
            assertThat(many.accepted).containsExactlyInAnyOrder(records(0, 1200));
        }
    }

    @Test
    void withFailOnErrorAThrottledRecordFailsTheJob() throws Exception {
        kinesis.thenFail(v -> v.equals("k0:0"), "ProvisionedThroughputExceededException");
        try (SinkWriterHarness<String> h =
                new SinkWriterHarness<>(sink().maxBatchSize(3).failOnError(true).build())) {
            h.writeAll(records(0, 3));
            assertThatThrownBy(h::flush)
                    .isInstanceOf(KinesisSinkException.class)
                    .hasMessage(
                            "1 of 3 records were not written to stream "
                                    + ARN
                                    + " (first error ProvisionedThroughputExceededException:"
                                    + " ProvisionedThroughputExceededException for k0), and"
                                    + " sink.fail-on-error is true");
        }
    }

    @Test
    void aCheckpointWritesEverythingBufferedSoTheStateIsEmpty() throws Exception {
        try (SinkWriterHarness<String> h = new SinkWriterHarness<>(sink().build())) {
            h.writeAll(records(0, 7)); // below every flush threshold
            assertThat(kinesis.requests).isEmpty();
            h.flush();
            assertThat(kinesis.accepted).containsExactlyInAnyOrder(records(0, 7));
            List<BufferedRequestState<KinesisSinkEntry>> state = h.writer.snapshotState(1);
            assertThat(state).hasSize(1);
            assertThat(state.get(0).getBufferedRequestEntries()).isEmpty();
        }
    }

    @Test
    void restoredEntriesAreWrittenFirst() throws Exception {
        List<RequestEntryWrapper<KinesisSinkEntry>> restored = new ArrayList<>();
        for (String v : List.of("k0:old-1", "k1:old-2")) {
            KinesisSinkEntry e = new KinesisSinkEntry(v.getBytes(), v.substring(0, 2), null);
            restored.add(new RequestEntryWrapper<>(e, e.sizeInBytes()));
        }
        try (SinkWriterHarness<String> h =
                new SinkWriterHarness<>(
                        sink().maxBatchSize(3).build(),
                        List.of(new BufferedRequestState<>(restored)))) {
            h.write("k2:new");
            h.flush();
            assertThat(kinesis.requests).containsExactly(List.of("k0:old-1", "k1:old-2", "k2:new"));
        }
    }

    @Test
    void badKeysBecomeDeadLettersWithTheirReason() throws Exception {
        CollectingDeadLetters letters = new CollectingDeadLetters();
        KinesisSink<String> sink =
                sink().partitionKeyGenerator(
                                v ->
                                        v.startsWith("none")
                                                ? null
                                                : v.startsWith("long") ? "x".repeat(257) : "k")
                        .explicitHashKeyGenerator(
                                v ->
                                        v.startsWith("hash")
                                                ? "340282366920938463463374607431768211456"
                                                : null)
                        .deadLetterHandler(letters)
                        .build();
        try (SinkWriterHarness<String> h = new SinkWriterHarness<>(sink)) {
            h.writeAll("none", "long", "hash", "good");
            h.flush();
            assertThat(kinesis.accepted).containsExactly("good");
            assertThat(letters.letters)
                    .extracting(
                            KinesisSinkDeadLetter::errorType, KinesisSinkDeadLetter::errorMessage)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    ErrorType.INVALID_PARTITION_KEY,
                                    "A record for stream "
                                            + ARN
                                            + " has no partition key; Kinesis needs 1 to 256"
                                            + " characters"),
                            org.assertj.core.groups.Tuple.tuple(
                                    ErrorType.INVALID_PARTITION_KEY,
                                    "A record for stream "
                                            + ARN
                                            + " has a partition key of 257 characters; Kinesis"
                                            + " accepts 1 to 256"),
                            org.assertj.core.groups.Tuple.tuple(
                                    ErrorType.INVALID_EXPLICIT_HASH_KEY,
                                    "A record for stream "
                                            + ARN
                                            + " has the explicit hash key"
                                            + " '340282366920938463463374607431768211456'; Kinesis"
                                            + " accepts a decimal number from 0 to 2^128 - 1"));
        }
    }

    @Test
    void closingTheWriterClosesTheClient() throws Exception {
        SinkWriterHarness<String> h = new SinkWriterHarness<>(sink().build());
        h.close();
        assertThat(kinesis.closed).isTrue();
    }
}
