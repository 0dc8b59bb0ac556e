package dev.riffle.testing.kvs;

import dev.riffle.testing.LocalAws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process stand-in for the two Kinesis Video Streams APIs a consumer uses: {@code
 * GetDataEndpoint} (returns this server's own URL) and {@code GetMedia} (streams the stream's
 * fragments as MKV over HTTP chunked transfer, the way KVS does). KVS has no emulator; this one
 * serves real MKV bytes, so the code under test runs the real AWS SDK and the real MKV parser.
 *
 * <p>What it does like KVS: the start selectors NOW, EARLIEST, FRAGMENT_NUMBER (from that fragment
 * on), SERVER_TIMESTAMP and PRODUCER_TIMESTAMP (from the fragment containing the time) and
 * CONTINUATION_TOKEN (after the fragment the token names), with error tag 4000 when that fragment
 * is not (or no longer) in the stream; a live stream keeps the response open and sends fragments as
 * they are {@linkplain #append appended}, and ends it after an idle period with nothing new; more
 * than {@value #MAX_CALLS_PER_SECOND} GetMedia calls in a second per stream are refused with {@code
 * ClientLimitExceededException} and more than {@code maxConnections} concurrent ones with {@code
 * ConnectionLimitExceededException}. Faults are queued per stream and used by the next GetMedia
 * call: an HTTP error, a connection cut after N bytes, or KVS's error tags after N fragments.
 *
 * <p>Listens on 127.0.0.1 only, on a free port. Signatures are not checked.
 */
public final class LocalKvsEndpoint implements AutoCloseable {
    public static final int MAX_CALLS_PER_SECOND = 5;

    private static final int NOT_FOUND = -2;

    private static final Pattern STRING_FIELD =
            Pattern.compile("\"(\\w+)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern NUMBER_FIELD =
            Pattern.compile("\"(\\w+)\"\\s*:\\s*(-?[0-9][0-9.eE+-]*)");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Duration idleTimeout;
    private final int maxConnections;
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private LocalKvsEndpoint(Duration idleTimeout, int maxConnections, int port)
            throws IOException {
        this.idleTimeout = idleTimeout;
        this.maxConnections = maxConnections;
        this.server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        this.executor =
                Executors.newCachedThreadPool(
                        r -> {
                            Thread t = new Thread(r, "local-kvs-endpoint");
                            t.setDaemon(true);
                            return t;
                        });
        server.setExecutor(executor);
        server.createContext("/getDataEndpoint", this::getDataEndpoint);
        server.createContext("/getMedia", this::getMedia);
        server.start();
    }

    /** Starts an endpoint that ends an idle GetMedia response after 3 seconds, as KVS does. */
    public static LocalKvsEndpoint start() {
        return start(Duration.ofSeconds(3), 3);
    }

    /**
     * Starts an endpoint; {@code idleTimeout} ends a GetMedia response that has had nothing new to
     * send for that long, {@code maxConnections} caps concurrent GetMedia calls per stream.
     */
    public static LocalKvsEndpoint start(Duration idleTimeout, int maxConnections) {
        return start(idleTimeout, maxConnections, 0);
    }

    /** As {@link #start(Duration, int)} on a given port of 127.0.0.1 (0: any free port). */
    public static LocalKvsEndpoint start(Duration idleTimeout, int maxConnections, int port) {
        try {
            return new LocalKvsEndpoint(idleTimeout, maxConnections, port);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Could not start the local KVS endpoint on 127.0.0.1:"
                            + port
                            + " (is the port taken?)",
                    e);
        }
    }

    /** The base URL, for {@code aws.endpoint}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Creates an empty stream and returns its ARN. */
    public String createStream(String name) {
        String arn =
                "arn:aws:kinesisvideo:"
                        + LocalAws.REGION
                        + ":"
                        + LocalAws.ACCOUNT_ID
                        + ":stream/"
                        + name
                        + "/1700000000000";
        streams.putIfAbsent(name, new Stream(name, arn));
        return arn;
    }

    /** Appends fragments to a stream; open GetMedia responses send them at once. */
    public void append(String stream, List<SyntheticFragment> fragments) {
        Stream s = stream(stream);
        synchronized (s) {
            s.fragments.addAll(fragments);
            s.notifyAll();
        }
    }

    public void append(String stream, SyntheticFragment fragment) {
        append(stream, List.of(fragment));
    }

    /** Drops the oldest fragments, as KVS does when they pass the stream's retention. */
    public void expireOldest(String stream, int count) {
        Stream s = stream(stream);
        synchronized (s) {
            s.fragments.subList(0, Math.min(count, s.fragments.size())).clear();
        }
    }

    /** The next GetMedia on the stream fails with this HTTP status and AWS error type. */
    public void failNextGetMedia(String stream, int status, String errorType) {
        stream(stream).faults.add(new Fault(status, errorType, -1, -1, 0, null));
    }

    /** The next GetMedia on the stream is cut (connection closed) after this many body bytes. */
    public void cutNextGetMediaAfterBytes(String stream, long bytes) {
        stream(stream).faults.add(new Fault(0, null, bytes, -1, 0, null));
    }

    /**
     * The next GetMedia on the stream sends {@code fragments} fragments, then KVS's error tags with
     * this id and code, then ends.
     */
    public void errorTagsOnNextGetMedia(String stream, int fragments, int errorId, String code) {
        stream(stream).faults.add(new Fault(0, null, -1, fragments, errorId, code));
    }

    /** How many GetMedia calls the stream has had, refused ones included. */
    public int getMediaCalls(String stream) {
        return stream(stream).calls.get();
    }

    /** How many GetMedia calls were refused for going over the per-stream limits. */
    public int limitRejections(String stream) {
        return stream(stream).limitRejections.get();
    }

    /** When each GetMedia call on the stream arrived ({@link System#nanoTime()}), in order. */
    public List<Long> getMediaCallNanos(String stream) {
        Stream s = stream(stream);
        synchronized (s.callNanos) {
            return new ArrayList<>(s.callNanos);
        }
    }

    /** The most concurrent GetMedia connections the stream has seen. */
    public int maxConcurrentConnections(String stream) {
        return stream(stream).maxOpen.get();
    }

    /** Each GetMedia call's start selector, e.g. {@code FRAGMENT_NUMBER 9134...}, in order. */
    public List<String> selectors(String stream) {
        Stream s = stream(stream);
        synchronized (s.selectorLog) {
            return new ArrayList<>(s.selectorLog);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Stream s : streams.values()) {
            synchronized (s) {
                s.notifyAll();
            }
        }
        server.stop(0);
        executor.shutdownNow();
    }

    private Stream stream(String nameOrArn) {
        Stream s = find(nameOrArn);
        if (s == null) {
            throw new IllegalArgumentException("No stream " + nameOrArn + "; create it first");
        }
        return s;
    }

    private Stream find(String nameOrArn) {
        if (nameOrArn == null) {
            return null;
        }
        Stream s = streams.get(nameOrArn);
        if (s != null) {
            return s;
        }
        for (Stream c : streams.values()) {
            if (c.arn.equals(nameOrArn)) {
                return c;
            }
        }
        return null;
    }

    private void getDataEndpoint(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> body = fields(exchange.getRequestBody());
            Stream s = find(body.getOrDefault("StreamARN", body.get("StreamName")));
            if (s == null) {
                error(exchange, 404, "ResourceNotFoundException", "Stream not found");
                return;
            }
            json(exchange, 200, "{\"DataEndpoint\":\"" + endpoint() + "\"}");
        }
    }

    private void getMedia(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> body = fields(exchange.getRequestBody());
            Stream s = find(body.getOrDefault("StreamARN", body.get("StreamName")));
            if (s == null) {
                error(exchange, 404, "ResourceNotFoundException", "Stream not found");
                return;
            }
            s.calls.incrementAndGet();
            s.callNanos.add(System.nanoTime());
            if (!s.admitCall()) {
                s.limitRejections.incrementAndGet();
                error(exchange, 400, "ClientLimitExceededException", "Too many GetMedia calls");
                return;
            }
            int open = s.open.incrementAndGet();
            try {
                s.maxOpen.accumulateAndGet(open, Math::max);
                if (open > maxConnections) {
                    s.limitRejections.incrementAndGet();
                    error(
                            exchange,
                            400,
                            "ConnectionLimitExceededException",
                            "Too many concurrent GetMedia connections");
                    return;
                }
                Fault fault = s.faults.poll();
                if (fault != null && fault.status > 0) {
                    error(exchange, fault.status, fault.errorType, "Injected failure");
                    return;
                }
                String type = body.get("StartSelectorType");
                String value =
                        Optional.ofNullable(body.get("AfterFragmentNumber"))
                                .or(() -> Optional.ofNullable(body.get("ContinuationToken")))
                                .or(() -> Optional.ofNullable(body.get("StartTimestamp")))
                                .orElse("");
                synchronized (s.selectorLog) {
                    s.selectorLog.add((type + " " + value).trim());
                }
                int index = startIndex(s, type, body);
                if (index == NOT_FOUND) {
                    // KVS answers 200 and says so in the error tags.
                    exchange.getResponseHeaders().add("Content-Type", "video/webm");
                    exchange.sendResponseHeaders(200, 0);
                    exchange.getResponseBody()
                            .write(SyntheticFragment.errorTags(4000, "FRAGMENT_NOT_FOUND"));
                    return;
                }
                if (index < 0) {
                    error(exchange, 400, "InvalidArgumentException", "Bad start selector");
                    return;
                }
                exchange.getResponseHeaders().add("Content-Type", "video/webm");
                exchange.sendResponseHeaders(200, 0); // chunked
                stream(exchange.getResponseBody(), s, index, fault);
            } finally {
                s.open.decrementAndGet();
            }
        }
    }

    private void stream(OutputStream out, Stream s, int index, Fault fault) throws IOException {
        long budget = fault != null && fault.cutAfterBytes >= 0 ? fault.cutAfterBytes : -1;
        int sent = 0;
        while (!closed) {
            byte[] next;
            synchronized (s) {
                long deadline = System.nanoTime() + idleTimeout.toNanos();
                while (index >= s.fragments.size() && !closed) {
                    long wait = deadline - System.nanoTime();
                    if (wait <= 0) {
                        return; // idle: end the response, as KVS does
                    }
                    try {
                        s.wait(Math.max(1, wait / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                next = s.fragments.get(index).toMkv();
            }
            if (fault != null
                    && fault.errorAfterFragments >= 0
                    && sent >= fault.errorAfterFragments) {
                out.write(SyntheticFragment.errorTags(fault.errorId, fault.errorCode));
                out.flush();
                return;
            }
            if (budget >= 0 && next.length >= budget) {
                out.write(next, 0, (int) budget);
                out.flush();
                // Cut the connection mid-fragment: the client sees a truncated chunked body.
                throw new IOException("Injected connection cut");
            }
            if (budget >= 0) {
                budget -= next.length;
            }
            out.write(next);
            out.flush();
            index++;
            sent++;
        }
    }

    private static int startIndex(Stream s, String type, Map<String, String> body) {
        synchronized (s) {
            List<SyntheticFragment> f = s.fragments;
            if (type == null) {
                return -1;
            }
            switch (type) {
                case "EARLIEST":
                    return 0;
                case "NOW":
                    return f.size();
                case "FRAGMENT_NUMBER":
                    return indexOf(f, body.get("AfterFragmentNumber"), 0);
                case "CONTINUATION_TOKEN":
                    int i = indexOf(f, body.get("ContinuationToken"), 1);
                    return i;
                case "SERVER_TIMESTAMP":
                case "PRODUCER_TIMESTAMP":
                    String ts = body.get("StartTimestamp");
                    if (ts == null) {
                        return -1;
                    }
                    long millis =
                            new BigDecimal(ts)
                                    .movePointRight(3)
                                    .setScale(0, RoundingMode.DOWN)
                                    .longValue();
                    boolean server = type.equals("SERVER_TIMESTAMP");
                    for (int k = 0; k < f.size(); k++) {
                        SyntheticFragment x = f.get(k);
                        long start =
                                server ? x.serverTimestampMillis() : x.producerTimestampMillis();
                        if (start + x.durationMillis() > millis) {
                            return k;
                        }
                    }
                    return f.size();
                default:
                    return -1;
            }
        }
    }

    private static int indexOf(List<SyntheticFragment> f, String number, int offset) {
        if (number == null) {
            return -1;
        }
        for (int k = 0; k < f.size(); k++) {
            if (f.get(k).fragmentNumber().equals(number)) {
                return k + offset;
            }
        }
        return NOT_FOUND;
    }

    private static Map<String, String> fields(InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> fields = new ConcurrentHashMap<>();
        Matcher m = STRING_FIELD.matcher(text);
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        Matcher n = NUMBER_FIELD.matcher(text);
        while (n.find()) {
            fields.putIfAbsent(n.group(1), n.group(2));
        }
        return fields;
    }

    private static void error(HttpExchange exchange, int status, String type, String message)
            throws IOException {
        exchange.getResponseHeaders().add("x-amzn-ErrorType", type + ":");
        json(exchange, status, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static final class Stream {
        final String name;
        final String arn;
        final List<SyntheticFragment> fragments = new ArrayList<>();
        final Deque<Fault> faults = new java.util.concurrent.ConcurrentLinkedDeque<>();
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger limitRejections = new AtomicInteger();
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger maxOpen = new AtomicInteger();
        final List<String> selectorLog = Collections.synchronizedList(new ArrayList<>());
        final List<Long> callNanos = Collections.synchronizedList(new ArrayList<>());
        private final Deque<Long> recentCalls = new ArrayDeque<>();

        Stream(String name, String arn) {
            this.name = name;
            this.arn = arn;
        }

        /** At most {@value #MAX_CALLS_PER_SECOND} calls in any one-second window. */
        synchronized boolean admitCall() {
            long now = System.nanoTime();
            while (!recentCalls.isEmpty() && now - recentCalls.peekFirst() >= 1_000_000_000L) {
                recentCalls.pollFirst();
            }
            if (recentCalls.size() >= MAX_CALLS_PER_SECOND) {
                return false;
            }
            recentCalls.addLast(now);
            return true;
        }
    }

    private static final class Fault {
        final int status;
        final String errorType;
        final long cutAfterBytes;
        final int errorAfterFragments;
        final int errorId;
        final String errorCode;

        Fault(
                int status,
                String errorType,
                long cutAfterBytes,
                int errorAfterFragments,
                int errorId,
                String errorCode) {
            this.status = status;
            this.errorType = errorType;
            this.cutAfterBytes = cutAfterBytes;
            this.errorAfterFragments = errorAfterFragments;
            this.errorId = errorId;
            this.errorCode = errorCode;
        }
    }
}
