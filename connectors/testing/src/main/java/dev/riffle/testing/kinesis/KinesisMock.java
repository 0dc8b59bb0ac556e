package dev.riffle.testing.kinesis;

import dev.riffle.testing.Await;
import dev.riffle.testing.LocalAws;
import dev.riffle.testing.internal.ChildProcess;
import dev.riffle.testing.internal.Clients;
import dev.riffle.testing.internal.PersistedData;
import dev.riffle.testing.internal.Ports;
import dev.riffle.testing.internal.Resources;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.utils.AttributeMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kinesis-mock (npm {@code kinesis-local}, LocalStack's Kinesis engine) as a child process on
 * loopback, serving plain HTTP and TLS.
 *
 * <pre>{@code
 * try (KinesisMock kinesis = KinesisMock.builder().build().start()) {
 *     String arn = kinesis.createStream("orders", 2);
 *     kinesis.client().putRecord(r -> r.streamARN(arn).partitionKey("k").data(bytes));
 * }
 * }</pre>
 *
 * <p>Ports are free loopback ports unless given. An attached instance (the default) stops with the
 * JVM that started it, even if that JVM is killed; a {@link Builder#detached(Path) detached} one
 * keeps running until {@link ChildProcess#stop(long)} is called with its {@link #pid()}.
 *
 * <p>What kinesis-mock does not do: it never throttles, its SubscribeToShard never ends a closed
 * shard, and it handles a few hundred to a thousand PutRecords entries a second. Faults are tested
 * with fakes behind the connector's client interface; throughput is not measured against it.
 */
public final class KinesisMock implements AutoCloseable {
    private static final int PORT_ATTEMPTS = 3;

    /**
     * kinesis-mock drains connections on SIGTERM; past this it is killed (data persists each 1 s).
     */
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);

    /** kinesis-mock's data file in {@code PERSIST_PATH} (its default {@code PERSIST_FILE_NAME}). */
    private static final String PERSIST_FILE = "kinesis-data.json";

    private final Builder config;
    private final KinesisMockInstallation installation;
    private final Path stateDir;
    private int plainPort;
    private int tlsPort;
    private ChildProcess process;
    private final Clients clients = new Clients();

    private KinesisMock(Builder config) {
        this.config = config;
        this.installation = KinesisMockInstallation.locate();
        this.stateDir = config.stateDir != null ? config.stateDir : tempDir();
        this.plainPort = config.plainPort;
        this.tlsPort = config.tlsPort;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the process and waits until it answers; retries with new ports if one was taken. */
    public synchronized KinesisMock start() {
        boolean choosePorts = plainPort == 0 || tlsPort == 0;
        for (int attempt = 1; ; attempt++) {
            if (choosePorts) {
                plainPort = config.plainPort != 0 ? config.plainPort : Ports.freePort();
                tlsPort = config.tlsPort != 0 ? config.tlsPort : Ports.freePort();
            }
            checkPortFree(plainPort, "plain HTTP");
            checkPortFree(tlsPort, "TLS");
            process = launch();
            try {
                awaitReady();
                return this;
            } catch (RuntimeException | AssertionError e) {
                String log = process.logTail(40);
                process.stop();
                if (choosePorts && attempt < PORT_ATTEMPTS && log.contains("EADDRINUSE")) {
                    continue;
                }
                throw new IllegalStateException(
                        String.format(
                                "kinesis-mock did not come up on ports %d (http) and %d (https)"
                                        + " within %s. Its log (%s) ends with:%n%s",
                                plainPort, tlsPort, config.startupTimeout, process.logFile(), log),
                        e);
            }
        }
    }

    private ChildProcess launch() {
        Path preload =
                Resources.extract(
                        "/dev/riffle/testing/kinesis-mock-preload.js",
                        stateDir,
                        "kinesis-mock-preload.js");
        List<String> command = new ArrayList<>();
        command.add(installation.node());
        command.add("--require");
        command.add(preload.toString());
        command.add("main.js");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(plainPort));
        env.put("KINESIS_MOCK_TLS_PORT", Integer.toString(tlsPort));
        env.put("AWS_REGION", config.region);
        env.put("LOG_LEVEL", config.logLevel);
        env.put("RIFFLE_PARENT_WATCHDOG", config.detached ? "0" : "1");
        if (config.persistDir != null) {
            env.put("SHOULD_PERSIST_DATA", "true");
            env.put("LOAD_DATA_IF_EXISTS", "true");
            env.put("PERSIST_PATH", config.persistDir.toAbsolutePath().toString());
            env.put("PERSIST_INTERVAL", "1s");
        }
        env.putAll(config.environment);
        return ChildProcess.start(
                "kinesis-mock",
                command,
                installation.packageDir(),
                env,
                stateDir.resolve("kinesis-mock.log"),
                config.detached,
                STOP_GRACE);
    }

    private void awaitReady() {
        KinesisClient probe = newClient(plainEndpoint(), false);
        try {
            Await.until(
                    config.startupTimeout,
                    () -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("kinesis-mock exited");
                        }
                        probe.listStreams();
                        return Ports.isListening(tlsPort);
                    },
                    ready -> ready,
                    "kinesis-mock to answer ListStreams");
        } finally {
            probe.close();
        }
    }

    private static void checkPortFree(int port, String what) {
        if (Ports.isListening(port)) {
            throw new IllegalStateException(
                    String.format(
                            "Cannot start kinesis-mock: port %d (%s) on 127.0.0.1 is already in"
                                    + " use. Stop what listens there (`ss -ltnp | grep :%d`) or"
                                    + " choose another port.",
                            port, what, port));
        }
    }

    /**
     * Stops the process (clients stay usable once it is {@link #restart() restarted}). With
     * persistence on, the data survive a stop that lands while kinesis-mock rewrites its file: see
     * {@link PersistedData}.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        PersistedData data =
                config.persistDir == null
                        ? null
                        : new PersistedData(
                                config.persistDir.resolve(PERSIST_FILE),
                                stateDir.resolve(PERSIST_FILE + ".complete"));
        if (data != null && process.isAlive()) {
            // A write takes a fraction of the persist interval: a complete file shows up soon.
            try {
                Await.until(
                        Duration.ofSeconds(10),
                        data::keepCopyIfComplete,
                        "a complete copy of kinesis-mock's data file");
            } catch (AssertionError busy) {
                // Best effort: stop anyway, as without persistence protection.
            }
        }
        process.stop();
        if (data != null && data.restoreIfCutOff()) {
            System.err.println(
                    "kinesis-mock: the stop cut its data file off mid-write; restored the last"
                            + " complete one");
        }
    }

    /** Stops and starts again on the same ports; streams survive if persistence is on. */
    public synchronized KinesisMock restart() {
        stop();
        Await.until(
                Duration.ofSeconds(30),
                () -> !Ports.isListening(plainPort) && !Ports.isListening(tlsPort),
                "kinesis-mock's ports to be released");
        process = launch();
        try {
            awaitReady();
        } catch (RuntimeException | AssertionError e) {
            throw new IllegalStateException(
                    "kinesis-mock did not come back after a restart. Its log ends with:\n"
                            + process.logTail(40),
                    e);
        }
        return this;
    }

    @Override
    public synchronized void close() {
        clients.closeAll();
        stop();
    }

    public URI plainEndpoint() {
        return URI.create("http://127.0.0.1:" + plainPort);
    }

    /** The TLS endpoint; its certificate is kinesis-mock's self-signed one. */
    public URI tlsEndpoint() {
        return URI.create("https://localhost:" + tlsPort);
    }

    public int plainPort() {
        return plainPort;
    }

    public int tlsPort() {
        return tlsPort;
    }

    public String region() {
        return config.region;
    }

    public String accountId() {
        return LocalAws.ACCOUNT_ID;
    }

    public AwsCredentialsProvider credentials() {
        return LocalAws.credentials();
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return process.logFile();
    }

    /** A synchronous client over plain HTTP, closed with this emulator. */
    public synchronized KinesisClient client() {
        return track(newClient(plainEndpoint(), false));
    }

    /**
     * A synchronous client over TLS that trusts the emulator's self-signed certificate. Trusting
     * every certificate is what the emulator needs and what must never happen against AWS: this is
     * the explicit, local-only form of {@code aws.trust.all.certificates=true}.
     */
    public synchronized KinesisClient tlsClient() {
        return track(newClient(tlsEndpoint(), true));
    }

    /** An asynchronous (Netty) client over plain HTTP, closed with this emulator. */
    public synchronized KinesisAsyncClient asyncClient() {
        return track(
                KinesisAsyncClient.builder()
                        .endpointOverride(plainEndpoint())
                        .region(Region.of(config.region))
                        .credentialsProvider(credentials())
                        .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                        .build());
    }

    private KinesisClient newClient(URI endpoint, boolean trustAll) {
        ApacheHttpClient.Builder http = ApacheHttpClient.builder();
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(config.region))
                .credentialsProvider(credentials())
                .httpClient(
                        trustAll
                                ? http.buildWithDefaults(
                                        AttributeMap.builder()
                                                .put(
                                                        SdkHttpConfigurationOption
                                                                .TRUST_ALL_CERTIFICATES,
                                                        Boolean.TRUE)
                                                .build())
                                : http.build())
                .build();
    }

    private <T extends AutoCloseable> T track(T client) {
        return clients.track(client);
    }

    /** Creates a stream and waits until it is ACTIVE; returns its ARN. */
    public String createStream(String name, int shards) {
        try (KinesisClient kinesis = newClient(plainEndpoint(), false)) {
            return createStream(kinesis, name, shards);
        }
    }

    /**
     * Creates a stream through any client (for an emulator that is already running, as {@code
     * riffle up} does) and waits until it is ACTIVE. An existing stream is left as it is.
     */
    public static String createStream(KinesisClient kinesis, String name, int shards) {
        return createStreams(kinesis, Map.of(name, shards)).get(name);
    }

    /** Kinesis (and kinesis-mock) refuse a CreateStream while this many streams are CREATING. */
    static final int MAX_CREATING = 5;

    /**
     * Creates streams (name to shard count) through any client and waits until all are ACTIVE;
     * returns their ARNs by name. Up to {@link #MAX_CREATING} are requested before they are
     * awaited, so they become active together rather than one after the other. Existing streams are
     * left as they are.
     */
    public static Map<String, String> createStreams(
            KinesisClient kinesis, Map<String, Integer> shardsByName) {
        Map<String, String> arns = new LinkedHashMap<>();
        List<String> batch = new ArrayList<>();
        for (Map.Entry<String, Integer> stream : shardsByName.entrySet()) {
            try {
                kinesis.createStream(
                        r -> r.streamName(stream.getKey()).shardCount(stream.getValue()));
            } catch (ResourceInUseException exists) {
                // Idempotent: the stream is already there.
            }
            batch.add(stream.getKey());
            if (batch.size() == MAX_CREATING) {
                batch.forEach(name -> arns.put(name, awaitActive(kinesis, name)));
                batch.clear();
            }
        }
        batch.forEach(name -> arns.put(name, awaitActive(kinesis, name)));
        return arns;
    }

    private static String awaitActive(KinesisClient kinesis, String name) {
        return Await.until(
                        Duration.ofSeconds(30),
                        () ->
                                kinesis.describeStreamSummary(r -> r.streamName(name))
                                        .streamDescriptionSummary(),
                        s -> s.streamStatus() == StreamStatus.ACTIVE,
                        "stream " + name + " to become ACTIVE")
                .streamARN();
    }

    public String streamArn(String name) {
        return String.format("arn:aws:kinesis:%s:%s:stream/%s", config.region, accountId(), name);
    }

    /**
     * The connector options that point Riffle's Kinesis connector (and the official one: the keys
     * are the same) at this emulator.
     */
    public Map<String, String> connectorProperties(boolean tls) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("aws.region", config.region);
        p.put("aws.endpoint", (tls ? tlsEndpoint() : plainEndpoint()).toString());
        p.put("aws.credentials.provider", "BASIC");
        p.put("aws.credentials.provider.basic.accesskeyid", LocalAws.ACCESS_KEY_ID);
        p.put("aws.credentials.provider.basic.secretkey", LocalAws.SECRET_ACCESS_KEY);
        if (tls) {
            p.put("aws.trust.all.certificates", "true");
        }
        return p;
    }

    @Override
    public String toString() {
        return String.format(
                "kinesis-mock[http=%s, https=%s, region=%s]",
                plainEndpoint(), tlsEndpoint(), config.region);
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("kinesis-mock-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Options for a {@link KinesisMock}; every one has a working default. */
    public static final class Builder {
        private String region = "us-east-1";
        private int plainPort;
        private int tlsPort;
        private Path persistDir;
        private Path stateDir;
        private boolean detached;
        private String logLevel = "WARN";
        private Duration startupTimeout = Duration.ofSeconds(90);
        private final Map<String, String> environment = new LinkedHashMap<>();

        private Builder() {}

        /** The default region streams are created in (default us-east-1). */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** A fixed plain HTTP port (default: a free one). */
        public Builder plainPort(int port) {
            this.plainPort = port;
            return this;
        }

        /** A fixed TLS port (default: a free one). */
        public Builder tlsPort(int port) {
            this.tlsPort = port;
            return this;
        }

        /** Persists streams and records in this folder, so they survive a restart. */
        public Builder persistTo(Path dir) {
            this.persistDir = dir;
            return this;
        }

        /** Where the log and helper files go (default: a temp folder). */
        public Builder stateDir(Path dir) {
            this.stateDir = dir;
            return this;
        }

        /** Keeps running after this JVM exits; logs go to {@code stateDir}. */
        public Builder detached(Path stateDir) {
            this.detached = true;
            this.stateDir = stateDir;
            return this;
        }

        /** kinesis-mock's own LOG_LEVEL (default WARN). */
        public Builder logLevel(String level) {
            this.logLevel = level;
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        /**
         * Any other kinesis-mock setting (see its README), e.g. {@code
         * CREATE_STREAM_DURATION=100ms} or {@code INITIALIZE_STREAMS=a:2,b:1}.
         */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** Checks the installation (Node.js, the npm package) and returns an unstarted emulator. */
        public KinesisMock build() {
            if (plainPort != 0 && plainPort == tlsPort) {
                throw new IllegalArgumentException(
                        "kinesis-mock needs two different ports; both are " + plainPort);
            }
            return new KinesisMock(this);
        }
    }
}
