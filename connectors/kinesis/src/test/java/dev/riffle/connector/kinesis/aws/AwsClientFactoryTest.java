package dev.riffle.connector.kinesis.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients the factory builds really use the configured endpoint, region, credentials and user
 * agent: checked on the requests a local HTTP endpoint receives.
 */
class AwsClientFactoryTest {

    private static final String LIST_SHARDS =
            "{\"Shards\":[{\"ShardId\":\"shardId-000000000000\","
                    + "\"HashKeyRange\":{\"StartingHashKey\":\"0\",\"EndingHashKey\":\"1\"},"
                    + "\"SequenceNumberRange\":{\"StartingSequenceNumber\":\"1\"}}]}";

    private static final String ASSUME_ROLE =
            "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                    + "<AssumeRoleResult><Credentials><AccessKeyId>ASIAASSUMEDKEY</AccessKeyId>"
                    + "<SecretAccessKey>assumedsecret</SecretAccessKey>"
                    + "<SessionToken>assumedtoken</SessionToken>"
                    + "<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
                    + "<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/r/riffle</Arn>"
                    + "<AssumedRoleId>AROA:riffle</AssumedRoleId></AssumedRoleUser>"
                    + "</AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId>"
                    + "</ResponseMetadata></AssumeRoleResponse>";

    private HttpServer server;
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private String previousCbor;

    @BeforeEach
    void startEndpoint() throws IOException {
        // The fake endpoint answers in JSON; the SDK reads this property when a client is built.
        previousCbor = System.setProperty("aws.cborEnabled", "false");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopEndpoint() {
        server.stop(0);
        if (previousCbor == null) {
            System.clearProperty("aws.cborEnabled");
        } else {
            System.setProperty("aws.cborEnabled", previousCbor);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> seen = new HashMap<>();
        seen.put("user-agent", exchange.getRequestHeaders().getFirst("User-Agent"));
        seen.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
        seen.put("target", String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target")));
        seen.put(
                "token",
                String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Security-Token")));
        seen.put("body", body);
        requests.add(seen);
        boolean sts = body.contains("Action=AssumeRole");
        byte[] response = (sts ? ASSUME_ROLE : LIST_SHARDS).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .add("Content-Type", sts ? "text/xml" : "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(200, response.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response);
        }
    }

    private String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private Map<String, String> basic() {
        Map<String, String> c = new HashMap<>();
        c.put("aws.region", "eu-west-1");
        c.put("aws.endpoint", endpoint());
        c.put("aws.credentials.provider", "BASIC");
        c.put("aws.credentials.provider.basic.accesskeyid", "AKIALOCALTEST");
        c.put("aws.credentials.provider.basic.secretkey", "local-secret");
        return c;
    }

    @Test
    void syncClientCallsTheEndpointSignedForTheRegionWithTheRiffleUserAgent() {
        try (ClientHandle<KinesisClient> h =
                AwsClientFactory.kinesisClient(AwsSettings.from(basic()))) {
            ListShardsResponse r = h.client().listShards(b -> b.streamName("events"));
            assertThat(r.shards())
                    .extracting(s -> s.shardId())
                    .containsExactly("shardId-000000000000");
        }
        assertThat(requests).hasSize(1);
        Map<String, String> req = requests.get(0);
        assertThat(req.get("user-agent")).contains("riffle");
        assertThat(req.get("authorization"))
                .contains("Credential=AKIALOCALTEST/")
                .contains("/eu-west-1/kinesis/aws4_request");
        assertThat(req.get("target")).isEqualTo("Kinesis_20131202.ListShards");
    }

    @Test
    void asyncClientOverHttp11CallsTheEndpoint() throws Exception {
        Map<String, String> c = basic();
        c.put("aws.http.protocol.version", "HTTP1_1");
        try (ClientHandle<KinesisAsyncClient> h =
                AwsClientFactory.kinesisAsyncClient(AwsSettings.from(c))) {
            ListShardsResponse r = h.client().listShards(b -> b.streamName("events")).get();
            assertThat(r.shards()).hasSize(1);
        }
        assertThat(requests.get(0).get("user-agent")).contains("riffle");
        assertThat(requests.get(0).get("authorization")).contains("Credential=AKIALOCALTEST/");
    }

    @Test
    void assumeRoleSignsWithTheCredentialsStsReturns() {
        Map<String, String> c = new HashMap<>();
        c.put("aws.region", "eu-west-1");
        c.put("aws.endpoint", endpoint());
        c.put("aws.credentials.provider", "ASSUME_ROLE");
        c.put("aws.credentials.provider.role.arn", "arn:aws:iam::123456789012:role/reader");
        c.put("aws.credentials.provider.role.sessionName", "riffle-test");
        c.put("aws.credentials.provider.role.stsEndpoint", endpoint());
        c.put("aws.credentials.provider.role.provider", "BASIC");
        c.put("aws.credentials.provider.role.provider.basic.accesskeyid", "AKIABASE");
        c.put("aws.credentials.provider.role.provider.basic.secretkey", "base-secret");
        try (ClientHandle<KinesisClient> h = AwsClientFactory.kinesisClient(AwsSettings.from(c))) {
            h.client().listShards(b -> b.streamName("events"));
        }
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).get("body"))
                .contains("Action=AssumeRole")
                .contains("RoleSessionName=riffle-test");
        assertThat(requests.get(0).get("authorization")).contains("Credential=AKIABASE/");
        assertThat(requests.get(1).get("authorization")).contains("Credential=ASIAASSUMEDKEY/");
        assertThat(requests.get(1).get("token")).isEqualTo("assumedtoken");
    }
}
