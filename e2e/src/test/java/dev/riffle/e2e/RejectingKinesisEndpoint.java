package dev.riffle.e2e;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Kinesis endpoint on loopback that answers every request as Kinesis answers a request signed
 * with a wrong secret: HTTP 400, {@code InvalidSignatureException}. kinesis-mock accepts any
 * signature, so this is the authentication failure it cannot produce; the AWS SDK, our connector
 * and Flink above it are the real ones. It keeps the {@code Authorization} headers it saw, to show
 * that the configured keys signed the requests.
 */
final class RejectingKinesisEndpoint implements AutoCloseable {
    static final String ERROR_CODE = "InvalidSignatureException";
    private static final byte[] BODY =
            ("{\"__type\":\""
                            + ERROR_CODE
                            + "\",\"message\":\"The request signature we"
                            + " calculated does not match the signature you provided. Check your"
                            + " AWS Secret Access Key and signing method.\"}")
                    .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    RejectingKinesisEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    try (InputStream in = exchange.getRequestBody()) {
                        in.readAllBytes();
                    }
                    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                    if (authorization != null) {
                        authorizations.add(authorization);
                    }
                    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                    exchange.getResponseHeaders().add("x-amzn-ErrorType", ERROR_CODE + ":");
                    exchange.sendResponseHeaders(400, BODY.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(BODY);
                    }
                });
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The Authorization headers received so far. */
    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
