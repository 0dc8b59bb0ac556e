package dev.riffle.testdata;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.utils.AttributeMap;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The traffic generator's command line ({@code riffle produce} runs it). See README "Traffic
 * generator" or {@code --help}.
 */
public final class GeneratorMain {
    static final String USAGE =
            String.join(
                    "\n",
                    "Usage: GeneratorMain (--stream NAME|ARN | --out FILE) [options]",
                    "Writes seeded, realistic raw-event traffic to a Kinesis stream or a file.",
                    "",
                    "  --stream NAME|ARN        Kinesis stream to write to (PutRecords)",
                    "  --endpoint URL           Kinesis endpoint (e.g. the local emulator's);"
                            + " default: AWS",
                    "  --region REGION          default: $AWS_REGION or us-east-1",
                    "  --trust-all-certificates trust any TLS certificate (local emulator only)",
                    "  --out FILE               write JSON lines (with each record's truth)"
                            + " instead",
                    "  --labels FILE            write the injected anomalies as JSON lines",
                    "  --rate N                 mean records per second over a day (default 100)",
                    "  --duration D             simulated time to cover, e.g. 90s, 10m, 2h (default"
                            + " 10m)",
                    "  --count N                stop after N records",
                    "  --time-scale X           simulated seconds per wall second; 0 = as fast as"
                            + " possible (default 1)",
                    "  --start ISO-INSTANT      simulated start (default: now, or now minus the"
                            + " duration when X > 1)",
                    "  --seed N                 (default 42)",
                    "  --malformed F            share of malformed records (default 0.02)",
                    "  --duplicates F           share of duplicates (default 0.02)",
                    "  --internal F             share of internal/test traffic (default 0.01)",
                    "  --anomalies N            anomalies of each kind to inject (default 1)",
                    "  --anomaly-duration D     (default 5m)",
                    "  --anomaly-every D        instead of --anomalies: a new anomaly every D, the"
                            + " kinds taking turns",
                    "  --anomaly-kinds K,K      which kinds, in turn (default"
                            + " merchant_volume_spike,checkout_error_burst,telemetry_level_shift;"
                            + " also telemetry_limit_breach)",
                    "  --merchants N --users N --devices N   population sizes (200, 5000, 500)",
                    "  --max-record-size BYTES  the job's limit; oversize records are made above it"
                            + " (65536)",
                    "",
                    "Credentials: the AWS default chain; for a loopback endpoint without AWS",
                    "credentials in the environment, static local-only keys.");

    private static final Set<String> FLAGS = Set.of("--trust-all-certificates", "--help");

    private GeneratorMain() {}

    public static void main(String[] args) throws Exception {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the generator with {@code args} and returns the exit status (0, or 2 for bad arguments)
     * instead of exiting: {@code riffle produce} calls it in the launcher's JVM.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Map<String, String> a;
        GeneratorConfig config;
        double timeScale;
        Instant start;
        try {
            a = parse(args);
            if (a.containsKey("--help")) {
                out.println(USAGE);
                return 0;
            }
            if (a.containsKey("--stream") == a.containsKey("--out")) {
                throw new IllegalArgumentException("Give exactly one of --stream or --out.");
            }
            if (a.containsKey("--anomalies") && a.containsKey("--anomaly-every")) {
                throw new IllegalArgumentException(
                        "Give at most one of --anomalies (N of each kind, spread over the run) or"
                                + " --anomaly-every (one every D).");
            }
            timeScale = number(a, "--time-scale", "1");
            Duration duration = duration(a.getOrDefault("--duration", "10m"));
            start =
                    a.containsKey("--start")
                            ? instant(a.get("--start"))
                            : Instant.now()
                                    .truncatedTo(ChronoUnit.SECONDS)
                                    .minus(
                                            timeScale > 1 || timeScale == 0
                                                    ? duration
                                                    : Duration.ZERO);
            config =
                    GeneratorConfig.builder()
                            .seed((long) integer(a, "--seed", "42"))
                            .ratePerSecond(number(a, "--rate", "100"))
                            .duration(duration)
                            .maxRecords(integer(a, "--count", "0"))
                            .start(start)
                            .malformedShare(number(a, "--malformed", "0.02"))
                            .duplicateShare(number(a, "--duplicates", "0.02"))
                            .internalShare(number(a, "--internal", "0.01"))
                            .anomalies((int) integer(a, "--anomalies", "1"))
                            .anomalyDuration(duration(a.getOrDefault("--anomaly-duration", "5m")))
                            .anomalyEvery(
                                    a.containsKey("--anomaly-every")
                                            ? duration(a.get("--anomaly-every"))
                                            : null)
                            .anomalyKinds(
                                    a.containsKey("--anomaly-kinds")
                                            ? List.of(a.get("--anomaly-kinds").split(",", -1))
                                            : GeneratorConfig.DEFAULT_ANOMALY_KINDS)
                            .population(
                                    (int) integer(a, "--merchants", "200"),
                                    (int) integer(a, "--users", "5000"),
                                    (int) integer(a, "--devices", "500"))
                            .oversizeAbove((int) integer(a, "--max-record-size", "65536"))
                            .build();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        TrafficGenerator generator = new TrafficGenerator(config);
        if (a.containsKey("--labels")) {
            writeLabels(generator, Path.of(a.get("--labels")));
        }
        Producer producer = new Producer();
        String target;
        if (a.containsKey("--out")) {
            target = a.get("--out");
            try (FileRecordWriter w = new FileRecordWriter(Path.of(target))) {
                producer.run(generator, w, start, timeScale);
            }
        } else {
            target = a.get("--stream");
            try (KinesisClient client = client(a);
                    KinesisRecordWriter w = new KinesisRecordWriter(client, target)) {
                producer.run(generator, w, start, timeScale);
            }
        }
        out.printf(
                Locale.ROOT,
                "Wrote %s to %s (seed %d, simulated %s .. %s)%n",
                producer.counts(),
                target,
                config.seed(),
                start,
                config.end());
        return 0;
    }

    private static double number(Map<String, String> a, String option, String fallback) {
        String value = a.getOrDefault(option, fallback);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Invalid value '" + value + "' for " + option + ": not a number.");
        }
    }

    private static long integer(Map<String, String> a, String option, String fallback) {
        String value = a.getOrDefault(option, fallback);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Invalid value '" + value + "' for " + option + ": not a whole number.");
        }
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "Invalid value '"
                            + value
                            + "' for --start: not an ISO-8601 instant such as"
                            + " 2026-03-01T09:00:00Z.");
        }
    }

    static void writeLabels(TrafficGenerator generator, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (AnomalyLabel l : generator.labels()) {
                w.write(l.toJson());
                w.newLine();
            }
        }
    }

    private static KinesisClient client(Map<String, String> a) throws IOException {
        KinesisClientBuilder b = KinesisClient.builder();
        String region =
                a.getOrDefault("--region", System.getenv().getOrDefault("AWS_REGION", "us-east-1"));
        b.region(Region.of(region));
        AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        if (a.containsKey("--endpoint")) {
            URI endpoint = URI.create(a.get("--endpoint"));
            b.endpointOverride(endpoint);
            if (System.getenv("AWS_ACCESS_KEY_ID") == null
                    && InetAddress.getByName(endpoint.getHost()).isLoopbackAddress()) {
                credentials =
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("riffle-local", "riffle-local"));
            }
        }
        b.credentialsProvider(credentials);
        AttributeMap.Builder http = AttributeMap.builder();
        if (a.containsKey("--trust-all-certificates")) {
            http.put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, Boolean.TRUE);
        }
        SdkHttpClient httpClient = ApacheHttpClient.builder().buildWithDefaults(http.build());
        return b.httpClient(httpClient).build();
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String k = args[i];
            if (!k.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + k + "'.");
            }
            if (FLAGS.contains(k)) {
                out.put(k, "true");
            } else if (!USAGE.contains(k + " ")) {
                throw new IllegalArgumentException("Unknown option '" + k + "'.");
            } else if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + k + " needs a value.");
            } else {
                out.put(k, args[++i]);
            }
        }
        return out;
    }

    /** 90s, 10m, 2h, 500ms, or ISO-8601 (PT10M). */
    static Duration duration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
                return Duration.parse(s.trim().toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            switch (t.charAt(t.length() - 1)) {
                case 's':
                    return Duration.ofSeconds(n);
                case 'm':
                    return Duration.ofMinutes(n);
                case 'h':
                    return Duration.ofHours(n);
                case 'd':
                    return Duration.ofDays(n);
                default:
                    break;
            }
        } catch (RuntimeException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(
                "'" + s + "' is not a duration. Accepted: 90s, 10m, 2h, 500ms, PT10M");
    }
}
