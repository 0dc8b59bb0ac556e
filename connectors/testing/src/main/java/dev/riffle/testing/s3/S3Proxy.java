package dev.riffle.testing.s3;

import dev.riffle.testing.Await;
import dev.riffle.testing.LocalAws;
import dev.riffle.testing.internal.ChildProcess;
import dev.riffle.testing.internal.Clients;
import dev.riffle.testing.internal.JvmWatchdog;
import dev.riffle.testing.internal.Ports;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * s3proxy (an S3 API over a local folder) in its own JVM on loopback.
 *
 * <p>Its own JVM because inside one with {@code flink-s3-fs-hadoop} the two disagree on Jackson
 * versions. As a separate process it serves Flink's S3 recoverable writer (multipart upload,
 * resume, commit) correctly.
 *
 * <pre>{@code
 * try (S3Proxy s3 = S3Proxy.builder().build().start()) {
 *     String bucket = s3.createBucket();
 *     s3.client().putObject(r -> r.bucket(bucket).key("k"), RequestBody.fromString("v"));
 * }
 * }</pre>
 */
public final class S3Proxy implements AutoCloseable {
    private static final int PORT_ATTEMPTS = 3;
    private static final AtomicInteger BUCKET_COUNTER = new AtomicInteger();

    private final Builder config;
    private final Path stateDir;
    private final Path dataDir;
    private int port;
    private ChildProcess process;
    private final Clients clients = new Clients();

    private S3Proxy(Builder config) {
        this.config = config;
        this.stateDir = config.stateDir != null ? config.stateDir : tempDir();
        this.dataDir = config.dataDir != null ? config.dataDir : stateDir.resolve("data");
        this.port = config.port;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts s3proxy and waits until it answers; retries on a new port if its port was taken. */
    public synchronized S3Proxy start() {
        Path jar = S3ProxyJar.locate();
        for (int attempt = 1; ; attempt++) {
            port = config.port != 0 ? config.port : Ports.freePort();
            if (Ports.isListening(port)) {
                throw new IllegalStateException(
                        String.format(
                                "Cannot start s3proxy: port %d on 127.0.0.1 is already in use."
                                        + " Stop what listens there (`ss -ltnp | grep :%d`) or"
                                        + " choose another port.",
                                port, port));
            }
            process = launch(jar);
            try {
                awaitReady();
                return this;
            } catch (RuntimeException | AssertionError e) {
                String log = process.logTail(40);
                process.stop();
                if (config.port == 0
                        && attempt < PORT_ATTEMPTS
                        && log.contains("Address already in use")) {
                    continue;
                }
                throw new IllegalStateException(
                        String.format(
                                "s3proxy did not come up on port %d within %s. Its log (%s) ends"
                                        + " with:%n%s",
                                port, config.startupTimeout, process.logFile(), log),
                        e);
            }
        }
    }

    private ChildProcess launch(Path jar) {
        try {
            Files.createDirectories(dataDir);
            Path properties = stateDir.resolve("s3proxy.properties");
            Files.writeString(properties, properties(), StandardCharsets.UTF_8);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>();
            command.add(java);
            // A small, quick-starting JVM: s3proxy serves a handful of test requests.
            command.add("-Xmx384m");
            command.add("-XX:+UseSerialGC");
            command.add("-XX:TieredStopAtLevel=1");
            command.add("-cp");
            command.add(jar + File.pathSeparator + codeSourceOf(JvmWatchdog.class));
            if (config.detached) {
                command.add("org.gaul.s3proxy.Main");
            } else {
                command.add(JvmWatchdog.class.getName());
                command.add("org.gaul.s3proxy.Main");
            }
            command.add("--properties");
            command.add(properties.toString());
            return ChildProcess.start(
                    "s3proxy",
                    command,
                    stateDir,
                    Map.of(),
                    stateDir.resolve("s3proxy.log"),
                    config.detached);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare s3proxy in " + stateDir, e);
        }
    }

    private String properties() {
        // Only loopback; the identity is the local-only pair every Riffle emulator accepts.
        return String.join(
                "\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + LocalAws.ACCESS_KEY_ID,
                "s3proxy.credential=" + LocalAws.SECRET_ACCESS_KEY,
                "jclouds.provider=filesystem-nio2",
                "jclouds.filesystem.basedir=" + dataDir.toAbsolutePath(),
                "");
    }

    private void awaitReady() {
        S3Client probe = newClient();
        try {
            Await.until(
                    config.startupTimeout,
                    () -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("s3proxy exited");
                        }
                        probe.listBuckets();
                        return true;
                    },
                    ready -> ready,
                    "s3proxy to answer ListBuckets");
        } finally {
            probe.close();
        }
    }

    public synchronized void stop() {
        if (process != null) {
            process.stop();
        }
    }

    @Override
    public synchronized void close() {
        clients.closeAll();
        stop();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public String region() {
        return LocalAws.REGION;
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

    /** The folder s3proxy stores buckets in (one sub-folder per bucket). */
    public Path dataDir() {
        return dataDir;
    }

    /** An S3 client (path-style addressing), closed with this emulator. */
    public synchronized S3Client client() {
        return clients.track(newClient());
    }

    private S3Client newClient() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.of(LocalAws.REGION))
                .credentialsProvider(credentials())
                .forcePathStyle(true)
                // s3proxy predates the SDK's default CRC checksums on every request.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /** Creates a bucket with a unique name and returns the name. */
    public String createBucket() {
        String name =
                String.format(
                                "riffle-test-%d-%d-%s",
                                ProcessHandle.current().pid(),
                                BUCKET_COUNTER.incrementAndGet(),
                                UUID.randomUUID().toString().substring(0, 8))
                        .toLowerCase(Locale.ROOT);
        try (S3Client s3 = newClient()) {
            s3.createBucket(r -> r.bucket(name));
        }
        return name;
    }

    /**
     * The Flink configuration that points {@code flink-s3-fs-hadoop} (the {@code s3://} scheme,
     * with its exactly-once recoverable writer) at this emulator.
     */
    public Map<String, String> flinkS3Properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("s3.endpoint", endpoint().toString());
        p.put("s3.path.style.access", "true");
        p.put("s3.access-key", LocalAws.ACCESS_KEY_ID);
        p.put("s3.secret-key", LocalAws.SECRET_ACCESS_KEY);
        p.put("s3.connection.ssl.enabled", "false");
        // The plugin's AWS SDK (v1) takes SignatureDoesNotMatch, the answer to a wrong secret, for
        // clock skew and retries it up to s3.attempts.maximum times (default 20) with backoff: a
        // wrong key then shows after about 2.5 minutes. The s3a layer still retries network and
        // server errors on its own (fs.s3a.retry.limit), so two SDK retries suffice here.
        p.put("s3.attempts.maximum", "2");
        return p;
    }

    @Override
    public String toString() {
        return "s3proxy[" + endpoint() + ", data=" + dataDir + "]";
    }

    private static String codeSourceOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the classes of " + type, e);
        }
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("s3proxy-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Options for an {@link S3Proxy}; every one has a working default. */
    public static final class Builder {
        private int port;
        private Path stateDir;
        private Path dataDir;
        private boolean detached;
        private Duration startupTimeout = Duration.ofSeconds(60);

        private Builder() {}

        /** A fixed port (default: a free one). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Where the properties, log and (by default) data go (default: a temp folder). */
        public Builder stateDir(Path dir) {
            this.stateDir = dir;
            return this;
        }

        /** Where buckets are stored (default: {@code stateDir/data}). */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Keeps running after this JVM exits. */
        public Builder detached(Path stateDir) {
            this.detached = true;
            this.stateDir = stateDir;
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        public S3Proxy build() {
            return new S3Proxy(this);
        }
    }
}
