package dev.riffle.local;

import dev.riffle.testing.LocalAws;
import dev.riffle.testing.kinesis.KinesisMock;
import dev.riffle.testing.s3.S3Proxy;

import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * kinesis-mock and s3proxy for the local setup, started through connectors/testing in detached mode
 * (they outlive the launcher; `riffle down` stops them by their recorded pid). Their data lives
 * under {@code <state>/data/kinesis} and {@code <state>/data/s3}, so streams, records and lake
 * files survive a down/up cycle.
 */
final class Emulators {
    static final String KINESIS_MOCK = "kinesis-mock";
    static final String S3PROXY = "s3proxy";

    private final Layout layout;
    private final Settings settings;
    private final PrintStream out;

    Emulators(Layout layout, Settings settings, PrintStream out) {
        this.layout = layout;
        this.settings = settings;
        this.out = out;
    }

    /** The ports of the emulators that are not running yet. */
    java.util.List<Ports.Need> portsToStart() {
        java.util.List<Ports.Need> needs = new java.util.ArrayList<>();
        if (!running(KINESIS_MOCK)) {
            needs.add(
                    new Ports.Need(
                            settings.port(Settings.KINESIS_PORT),
                            "kinesis-mock, Kinesis API over HTTP",
                            Settings.KINESIS_PORT));
            needs.add(
                    new Ports.Need(
                            settings.port(Settings.KINESIS_TLS_PORT),
                            "kinesis-mock, Kinesis API over TLS",
                            Settings.KINESIS_TLS_PORT));
        }
        if (!running(S3PROXY)) {
            needs.add(
                    new Ports.Need(
                            settings.port(Settings.S3_PORT), "s3proxy, S3 API", Settings.S3_PORT));
        }
        return needs;
    }

    private boolean running(String name) {
        return ManagedProcess.find(layout, name)
                .map(p -> p.state() == ManagedProcess.State.RUNNING)
                .orElse(false);
    }

    void start() {
        startIfNeeded(
                KINESIS_MOCK,
                () -> {
                    Ports.requireFree(
                            settings.port(Settings.KINESIS_PORT),
                            "kinesis-mock, Kinesis API over HTTP",
                            Settings.KINESIS_PORT,
                            settings);
                    Ports.requireFree(
                            settings.port(Settings.KINESIS_TLS_PORT),
                            "kinesis-mock, Kinesis API over TLS",
                            Settings.KINESIS_TLS_PORT,
                            settings);
                    KinesisMock kinesis =
                            KinesisMock.builder()
                                    .region(region())
                                    .plainPort(settings.port(Settings.KINESIS_PORT))
                                    .tlsPort(settings.port(Settings.KINESIS_TLS_PORT))
                                    .persistTo(layout.data().resolve("kinesis"))
                                    .env(
                                            "PERSIST_INTERVAL",
                                            settings.kinesisPersistInterval().toSeconds() + "s")
                                    .detached(emulatorDir(KINESIS_MOCK))
                                    .build()
                                    .start();
                    return new Started(kinesis.pid(), kinesis.logFile());
                });
        startIfNeeded(
                S3PROXY,
                () -> {
                    Ports.requireFree(
                            settings.port(Settings.S3_PORT),
                            "s3proxy, S3 API",
                            Settings.S3_PORT,
                            settings);
                    S3Proxy s3 =
                            S3Proxy.builder()
                                    .port(settings.port(Settings.S3_PORT))
                                    .dataDir(layout.data().resolve("s3"))
                                    .detached(emulatorDir(S3PROXY))
                                    .build()
                                    .start();
                    return new Started(s3.pid(), s3.logFile());
                });
    }

    private record Started(long pid, Path log) {}

    private void startIfNeeded(String name, Supplier<Started> starter) {
        Optional<ManagedProcess> existing = ManagedProcess.find(layout, name);
        if (existing.isPresent()) {
            if (existing.get().state() == ManagedProcess.State.RUNNING) {
                out.printf("  %-12s already running (pid %d)%n", name, existing.get().pid());
                return;
            }
            existing.get().forget();
        }
        Started started;
        try {
            started = starter.get();
        } catch (RuntimeException e) {
            // connectors/testing explains what is missing (Node.js, npm ci, the s3proxy jar) or
            // what failed.
            throw new LauncherException("Cannot start " + name + ": " + e.getMessage(), e);
        }
        awaitExec(started.pid());
        ManagedProcess.record(layout, name, started.pid());
        out.printf("  %-12s started (pid %d), log %s%n", name, started.pid(), started.log());
    }

    /**
     * Detached emulators run under setsid, which execs them in place: record the final command
     * line.
     */
    private static void awaitExec(long pid) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            boolean execd =
                    ProcessHandle.of(pid)
                            .flatMap(h -> h.info().command())
                            .map(c -> !c.endsWith("/setsid"))
                            .orElse(true);
            if (execd) {
                return;
            }
            Cluster.pause();
        }
    }

    private Path emulatorDir(String name) {
        Path dir = layout.state().resolve("emulators").resolve(name);
        try {
            // S3Proxy writes its properties there before it creates anything.
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new LauncherException("Cannot create " + dir + ": " + e, e);
        }
        return dir;
    }

    /** Creates the configured streams and the lake bucket; existing ones are left as they are. */
    void createStreamsAndBucket() {
        try (KinesisClient kinesis =
                KinesisClient.builder()
                        .endpointOverride(kinesisEndpoint())
                        .region(Region.of(region()))
                        .credentialsProvider(LocalAws.credentials())
                        .httpClientBuilder(ApacheHttpClient.builder())
                        .build()) {
            Map<String, Integer> streams = new LinkedHashMap<>();
            settings.streams().forEach(stream -> streams.put(stream.name(), stream.shards()));
            KinesisMock.createStreams(kinesis, streams);
        } catch (RuntimeException e) {
            throw new LauncherException(
                    "Cannot create the streams in kinesis-mock at "
                            + kinesisEndpoint()
                            + ": "
                            + e.getMessage()
                            + ". Its log: "
                            + emulatorDir(KINESIS_MOCK).resolve("kinesis-mock.log"),
                    e);
        }
        try (S3Client s3 =
                S3Client.builder()
                        .endpointOverride(s3Endpoint())
                        .region(Region.of(region()))
                        .credentialsProvider(LocalAws.credentials())
                        .forcePathStyle(true)
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                        .httpClientBuilder(ApacheHttpClient.builder())
                        .build()) {
            s3.createBucket(r -> r.bucket(bucket()));
        } catch (BucketAlreadyOwnedByYouException exists) {
            // Idempotent: the bucket is there from an earlier up.
        } catch (RuntimeException e) {
            throw new LauncherException(
                    "Cannot create bucket "
                            + bucket()
                            + " in s3proxy at "
                            + s3Endpoint()
                            + ": "
                            + e,
                    e);
        }
    }

    /** config.yaml keys that point flink-s3-fs-hadoop (s3:// paths) at s3proxy. */
    Map<String, String> flinkS3Properties() {
        // An unstarted S3Proxy on the configured port knows the keys; nothing is started here.
        return S3Proxy.builder().port(settings.port(Settings.S3_PORT)).build().flinkS3Properties();
    }

    /** ${name} values for SQL scripts. */
    Map<String, String> sqlVariables() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("aws.region", region());
        v.put("kinesis.endpoint", kinesisEndpoint().toString());
        v.put(
                "kinesis.tls.endpoint",
                "https://localhost:" + settings.port(Settings.KINESIS_TLS_PORT));
        v.put(
                "kinesis.stream-arn-prefix",
                "arn:aws:kinesis:" + region() + ":" + LocalAws.ACCOUNT_ID + ":stream/");
        v.put("aws.access-key-id", LocalAws.ACCESS_KEY_ID);
        v.put("aws.secret-key", LocalAws.SECRET_ACCESS_KEY);
        // A Kinesis table's whole connection as WITH-clause text (trailing comma), for scripts
        // that also deploy to Managed Flink, where the same variable holds the region only.
        v.put(
                "kinesis.options",
                String.format(
                        "'aws.region' = '%s', 'aws.endpoint' = '%s',"
                                + " 'aws.credentials.provider' = 'BASIC',"
                                + " 'aws.credentials.provider.basic.accesskeyid' = '%s',"
                                + " 'aws.credentials.provider.basic.secretkey' = '%s',",
                        region(),
                        kinesisEndpoint(),
                        LocalAws.ACCESS_KEY_ID,
                        LocalAws.SECRET_ACCESS_KEY));
        v.put("s3.endpoint", s3Endpoint().toString());
        v.put("s3.bucket", bucket());
        v.put("lake", "s3://" + bucket());
        return v;
    }

    void printSummary() {
        out.printf(
                "Kinesis        %s (TLS https://localhost:%d), region %s, streams: %s%n",
                kinesisEndpoint(),
                settings.port(Settings.KINESIS_TLS_PORT),
                region(),
                String.join(
                        ", ",
                        settings.streams().stream()
                                .map(s -> s.name() + " (" + s.shards() + ")")
                                .toList()));
        out.printf("S3             %s, bucket %s (s3://%s)%n", s3Endpoint(), bucket(), bucket());
        out.printf(
                "Emulator logs  %s, %s%n",
                emulatorDir(KINESIS_MOCK).resolve("kinesis-mock.log"),
                emulatorDir(S3PROXY).resolve("s3proxy.log"));
    }

    String region() {
        return settings.get(Settings.AWS_REGION);
    }

    String bucket() {
        return settings.get(Settings.S3_BUCKET);
    }

    URI kinesisEndpoint() {
        return URI.create("http://127.0.0.1:" + settings.port(Settings.KINESIS_PORT));
    }

    URI s3Endpoint() {
        return URI.create("http://127.0.0.1:" + settings.port(Settings.S3_PORT));
    }
}
