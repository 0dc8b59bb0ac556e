package dev.riffle.testing.kinesis;

import dev.riffle.testing.Await;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import javax.net.ssl.SSLHandshakeException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** kinesis-mock as the tests get it: real AWS SDK v2 clients, plain HTTP and TLS. */
class KinesisMockITCase {
    private static final String BEFORE_RESTART_BASE64 =
            Base64.getEncoder().encodeToString("before-restart".getBytes(StandardCharsets.UTF_8));

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    @Test
    void recordsWrittenOverHttpAndTlsAreReadBackOnceInOrderPerKey(
            KinesisMock kinesis, @Shards(2) TestStream stream) {
        KinesisClient plain = kinesis.client();
        KinesisClient tls = kinesis.tlsClient();
        assertThat(kinesis.tlsEndpoint().getScheme()).isEqualTo("https");

        List<String> written = new ArrayList<>();
        List<String> shardsWritten = new ArrayList<>();
        shardsWritten.addAll(put(plain, stream, "http", written));
        shardsWritten.addAll(put(tls, stream, "tls", written));
        // 20 partition keys over 2 shards: both shards take records.
        assertThat(shardsWritten).containsOnly("shardId-000000000000", "shardId-000000000001");

        for (KinesisClient reader : List.of(plain, tls)) {
            List<StreamRecord> read =
                    new TestStream(reader, stream.name(), stream.arn(), 2).readAll();
            assertThat(read)
                    .extracting(StreamRecord::text)
                    .containsExactlyInAnyOrderElementsOf(written);
            // Within a partition key, records come back in the order they were written.
            Map<String, List<String>> byKey =
                    read.stream()
                            .collect(
                                    Collectors.groupingBy(
                                            StreamRecord::partitionKey,
                                            Collectors.mapping(
                                                    StreamRecord::text, Collectors.toList())));
            byKey.forEach(
                    (key, values) ->
                            assertThat(values)
                                    .as("order for key %s", key)
                                    .isEqualTo(
                                            written.stream()
                                                    .filter(v -> v.startsWith(key + "/"))
                                                    .collect(Collectors.toList())));
        }
    }

    private static List<String> put(
            KinesisClient client, TestStream stream, String via, List<String> written) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String key = via + "-key-" + (i % 10);
            String value = key + "/" + i;
            written.add(value);
            entries.add(
                    PutRecordsRequestEntry.builder()
                            .partitionKey(key)
                            .data(SdkBytes.fromUtf8String(value))
                            .build());
        }
        List<PutRecordsResultEntry> results =
                client.putRecords(r -> r.streamARN(stream.arn()).records(entries)).records();
        assertThat(results).allSatisfy(r -> assertThat(r.errorCode()).isNull());
        return results.stream()
                .map(PutRecordsResultEntry::shardId)
                .distinct()
                .collect(Collectors.toList());
    }

    @Test
    void theSelfSignedCertificateIsNotTrustedByDefault(KinesisMock kinesis) {
        try (KinesisClient defaultTls =
                KinesisClient.builder()
                        .endpointOverride(kinesis.tlsEndpoint())
                        .region(Region.of(kinesis.region()))
                        .credentialsProvider(kinesis.credentials())
                        .httpClient(ApacheHttpClient.builder().build())
                        .build()) {
            assertThatThrownBy(defaultTls::listStreams)
                    .isInstanceOf(SdkClientException.class)
                    .hasCauseInstanceOf(SSLHandshakeException.class)
                    .hasRootCauseMessage(
                            "unable to find valid certification path to requested target");
        }
    }

    @Test
    void connectorPropertiesPointAtTheEmulatorAndOnlyTrustAllForTls(KinesisMock kinesis) {
        assertThat(kinesis.connectorProperties(false))
                .containsEntry("aws.endpoint", kinesis.plainEndpoint().toString())
                .containsEntry("aws.region", "us-east-1")
                .containsEntry("aws.credentials.provider", "BASIC")
                .doesNotContainKey("aws.trust.all.certificates");
        assertThat(kinesis.connectorProperties(true))
                .containsEntry("aws.endpoint", kinesis.tlsEndpoint().toString())
                .containsEntry("aws.trust.all.certificates", "true");
    }

    @Test
    void closingStopsTheProcess() {
        KinesisMock own = KinesisMock.builder().build().start();
        ProcessHandle node = ProcessHandle.of(own.pid()).orElseThrow();
        assertThat(node.isAlive()).isTrue();
        own.close();
        assertThat(node.isAlive()).isFalse();
    }

    @Test
    void aRestartKeepsPersistedStreamsAndRecords(@TempDir Path data) {
        try (KinesisMock own = KinesisMock.builder().persistTo(data).build().start()) {
            String arn = own.createStream("persisted", 1);
            TestStream stream = new TestStream(own.client(), "persisted", arn, 1);
            stream.putAll(List.of(TestStream.entry("k", "before-restart")));
            // kinesis-mock persists on an interval (1 s here): wait until the file has our record.
            Await.until(
                    Duration.ofSeconds(20),
                    () -> {
                        try (Stream<Path> files = Files.walk(data)) {
                            return files.filter(Files::isRegularFile)
                                    .anyMatch(f -> contains(f, BEFORE_RESTART_BASE64));
                        }
                    },
                    v -> v,
                    "kinesis-mock to persist the stream");
            int port = own.plainPort();

            own.restart();

            assertThat(own.plainPort()).isEqualTo(port);
            stream.put("k", "after-restart");
            assertThat(stream.readAll())
                    .extracting(StreamRecord::text)
                    .containsExactly("before-restart", "after-restart");
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
