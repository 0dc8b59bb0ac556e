package dev.riffle.bench.kinesis;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process endpoint that speaks just enough of the Kinesis JSON 1.1 protocol (ListShards,
 * GetShardIterator, GetRecords, DescribeStreamSummary, PutRecords) to serve one shard of prepared
 * records, or take records in, as fast as a loopback socket allows. PutRecords accepts every record
 * and counts it, noting when the first request and the last record arrived. Every GetRecords
 * response carries the same prepared batch; iterator {@code it-N} is batch N, and after {@code
 * batches} batches the shard ends (no next iterator). Clients must run with CBOR off ({@code
 * aws.cborEnabled=false}).
 */
final class FakeKinesisEndpoint implements AutoCloseable {
    static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/bench";
    static final String SHARD_ID = "shardId-000000000000";

    private final HttpServer server;
    private final byte[] recordsJson;
    private final int batches;
    private final AtomicLong putRecords = new AtomicLong();
    private final AtomicLong firstPutNanos = new AtomicLong();
    private final AtomicLong lastPutNanos = new AtomicLong();
    private final Map<Integer, byte[]> putResponses = new ConcurrentHashMap<>();

    static {
        // Answer without Nagle's delay: the JDK server writes headers and body separately, and a
        // client waiting for each response (the SDK loops) would otherwise wait for delayed ACKs.
        // Read once, when the JDK's server classes load.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    FakeKinesisEndpoint(int recordsPerBatch, int recordBytes, int batches) throws IOException {
        this.batches = batches;
        this.recordsJson = prepareRecords(recordsPerBatch, recordBytes);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static byte[] prepareRecords(int n, int size) {
        StringBuilder sb = new StringBuilder("\"Records\":[");
        byte[] data = new byte[size];
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < size; b++) {
                data[b] = (byte) ('a' + (i + b) % 26);
            }
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"Data\":\"")
                    .append(Base64.getEncoder().encodeToString(data))
                    .append("\",\"PartitionKey\":\"pk-")
                    .append(i % 100)
                    .append("\",\"SequenceNumber\":\"")
                    .append(String.format("%056d", i + 1))
                    .append("\",\"ApproximateArrivalTimestamp\":1.7E9}");
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        byte[] response;
        if (target.endsWith(".PutRecords")) {
            response = putRecords(body);
        } else if (target.endsWith(".GetRecords")) {
            response = getRecords(body);
        } else if (target.endsWith(".GetShardIterator")) {
            response = text("{\"ShardIterator\":\"it-0\"}");
        } else if (target.endsWith(".ListShards")) {
            response =
                    text(
                            "{\"Shards\":[{\"ShardId\":\""
                                    + SHARD_ID
                                    + "\",\"HashKeyRange\":{\"StartingHashKey\":\"0\","
                                    + "\"EndingHashKey\":\"340282366920938463463374607431768211455\"},"
                                    + "\"SequenceNumberRange\":{\"StartingSequenceNumber\":\"1\"}}]}");
        } else if (target.endsWith(".DescribeStreamSummary")) {
            response =
                    text(
                            "{\"StreamDescriptionSummary\":{\"StreamName\":\"bench\",\"StreamARN\":\""
                                    + STREAM_ARN
                                    + "\",\"StreamStatus\":\"ACTIVE\",\"RetentionPeriodHours\":24,"
                                    + "\"OpenShardCount\":1}}");
        } else {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(200, response.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response);
        }
    }

    private byte[] getRecords(String request) {
        int at = request.indexOf("it-");
        int end = request.indexOf('"', at);
        int batch = Integer.parseInt(request.substring(at + 3, end));
        ByteArrayOutputStream out = new ByteArrayOutputStream(recordsJson.length + 100);
        out.write('{');
        out.writeBytes(recordsJson);
        if (batch + 1 < batches) {
            out.writeBytes(
                    (",\"NextShardIterator\":\"it-"
                                    + (batch + 1)
                                    + "\",\"MillisBehindLatest\":1000}")
                            .getBytes(StandardCharsets.UTF_8));
        } else {
            out.writeBytes(",\"MillisBehindLatest\":0}".getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** Accepts every record: a success entry per record, in order. */
    private byte[] putRecords(String request) {
        firstPutNanos.compareAndSet(0, System.nanoTime());
        int n = 0;
        for (int at = request.indexOf("\"PartitionKey\""); at >= 0; ) {
            n++;
            at = request.indexOf("\"PartitionKey\"", at + 14);
        }
        putRecords.addAndGet(n);
        lastPutNanos.set(System.nanoTime());
        return putResponses.computeIfAbsent(n, FakeKinesisEndpoint::putResponse);
    }

    private static byte[] putResponse(int n) {
        StringBuilder sb = new StringBuilder("{\"FailedRecordCount\":0,\"Records\":[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"SequenceNumber\":\"")
                    .append(String.format("%056d", i + 1))
                    .append("\",\"ShardId\":\"")
                    .append(SHARD_ID)
                    .append("\"}");
        }
        return text(sb.append("]}").toString());
    }

    /** Records taken in by PutRecords so far. */
    long putRecordCount() {
        return putRecords.get();
    }

    /** Seconds from the first PutRecords request to the last record taken in. */
    double putSeconds() {
        return (lastPutNanos.get() - firstPutNanos.get()) / 1e9;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
