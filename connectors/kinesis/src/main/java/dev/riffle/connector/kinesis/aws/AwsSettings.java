package dev.riffle.connector.kinesis.aws;

import dev.riffle.connector.kinesis.aws.internal.ConfigProblems;

import org.apache.flink.annotation.Internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated {@code aws.*} settings: region, endpoint, credentials and HTTP client tuning. Build
 * it with {@link #from(Map)}, which reports every problem at once; pass it to {@link
 * AwsClientFactory}. Secrets never appear in {@link #toString()}.
 */
@Internal
public final class AwsSettings implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AwsSettings.class);

    /** Region ids look like us-east-1, eu-central-2, us-gov-west-1, cn-north-1, us-isob-east-1. */
    private static final Pattern REGION_PATTERN =
            Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}");

    @Nullable private final String region;
    @Nullable private final URI endpoint;
    private final CredentialsSettings credentials;
    private final boolean trustAllCertificates;
    private final HttpProtocolVersion protocol;
    private final int maxConcurrency;
    @Nullable private final Duration readTimeout;

    private AwsSettings(
            @Nullable String region,
            @Nullable URI endpoint,
            CredentialsSettings credentials,
            boolean trustAllCertificates,
            HttpProtocolVersion protocol,
            int maxConcurrency,
            @Nullable Duration readTimeout) {
        this.region = region;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.trustAllCertificates = trustAllCertificates;
        this.protocol = protocol;
        this.maxConcurrency = maxConcurrency;
        this.readTimeout = readTimeout;
    }

    /**
     * Reads and validates every {@code aws.*} key of {@code config}; keys outside {@code aws.*} are
     * ignored.
     *
     * @throws org.apache.flink.configuration.IllegalConfigurationException listing every problem
     */
    public static AwsSettings from(Map<String, String> config) {
        ConfigProblems problems = new ConfigProblems(config);
        AwsSettings settings = parse(problems);
        problems.throwIfAny("Invalid AWS configuration");
        return settings;
    }

    /**
     * Reads the {@code aws.*} keys, recording problems in {@code problems} instead of throwing, so
     * that a caller can report them together with its own.
     */
    public static AwsSettings parse(ConfigProblems problems) {
        Set<String> known = new LinkedHashSet<>(AwsConfigOptions.knownKeys());
        String region =
                problems.raw(AwsConfigOptions.AWS_REGION.key()).map(String::trim).orElse(null);
        if (region != null && !isPlausibleRegion(region)) {
            problems.invalid(
                    AwsConfigOptions.AWS_REGION.key(),
                    "it is not an AWS region id",
                    "a region id such as us-east-1 or eu-west-1");
        }
        URI endpoint = parseEndpoint(problems, AwsConfigOptions.AWS_ENDPOINT.key());
        CredentialsSettings credentials =
                CredentialsSettings.parse(
                        problems, AwsConfigOptions.CREDENTIALS_PROVIDER_PREFIX, known);
        checkNestedEndpoints(problems, credentials);

        Boolean trustAll = problems.get(AwsConfigOptions.TRUST_ALL_CERTIFICATES, "true or false");
        boolean trust = Boolean.TRUE.equals(trustAll);
        if (trust && endpoint == null) {
            problems.invalid(
                    AwsConfigOptions.TRUST_ALL_CERTIFICATES.key(),
                    "trusting every certificate is for local endpoints only, and aws.endpoint"
                            + " is not set",
                    "false, or true together with aws.endpoint pointing at a local emulator");
        } else if (trust && !isLoopback(endpoint)) {
            LOG.warn(
                    "aws.trust.all.certificates=true for the non-local endpoint {}: TLS"
                            + " certificates are not verified. Use it for local emulators only.",
                    endpoint);
        }

        HttpProtocolVersion protocol =
                problems.getEnum(AwsConfigOptions.HTTP_PROTOCOL_VERSION, HttpProtocolVersion.class);
        Integer concurrency =
                problems.get(AwsConfigOptions.HTTP_CLIENT_MAX_CONCURRENCY, "a positive integer");
        if (concurrency != null && concurrency <= 0) {
            problems.invalid(
                    AwsConfigOptions.HTTP_CLIENT_MAX_CONCURRENCY.key(),
                    "it must be positive",
                    "a positive integer");
        }
        Duration readTimeout =
                problems.get(
                        AwsConfigOptions.HTTP_CLIENT_READ_TIMEOUT,
                        "a positive duration such as 360000 (milliseconds) or 6 min");
        if (readTimeout != null && (readTimeout.isNegative() || readTimeout.isZero())) {
            problems.invalid(
                    AwsConfigOptions.HTTP_CLIENT_READ_TIMEOUT.key(),
                    "it must be positive",
                    "a positive duration such as 360000 (milliseconds) or 6 min");
        }
        problems.rejectUnknown("aws.", known);
        return new AwsSettings(
                region,
                endpoint,
                credentials,
                trust,
                protocol == null ? HttpProtocolVersion.HTTP2 : protocol,
                concurrency == null || concurrency <= 0
                        ? AwsConfigOptions.HTTP_CLIENT_MAX_CONCURRENCY.defaultValue()
                        : concurrency,
                readTimeout);
    }

    private static void checkNestedEndpoints(ConfigProblems problems, CredentialsSettings c) {
        for (CredentialsSettings s = c; s != null; s = s.roleProvider()) {
            if (s.type() == CredentialsProviderType.ASSUME_ROLE) {
                parseEndpoint(problems, s.prefix() + CredentialsKeys.ROLE_STS_ENDPOINT);
            }
        }
    }

    @Nullable
    static URI parseEndpoint(ConfigProblems problems, String key) {
        Optional<String> raw = problems.raw(key);
        if (raw.isEmpty()) {
            return null;
        }
        String accepted =
                "an http or https URL with a host, e.g. https://kinesis.us-east-1.amazonaws.com";
        try {
            URI uri = new URI(raw.get().trim());
            if (uri.getScheme() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                problems.invalid(key, "it has no http or https scheme", accepted);
                return null;
            }
            if (uri.getHost() == null) {
                problems.invalid(key, "it has no host", accepted);
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.invalid(key, "it is not a URL (" + e.getReason() + ")", accepted);
            return null;
        }
    }

    static boolean isPlausibleRegion(String region) {
        return Region.regions().contains(Region.of(region))
                || REGION_PATTERN.matcher(region).matches();
    }

    static boolean isLoopback(URI endpoint) {
        String host = endpoint.getHost();
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        try {
            // Only literal addresses are checked; no DNS look-up for a name.
            if (host.matches("[0-9.]+") || host.startsWith("[")) {
                return InetAddress.getByName(host.replace("[", "").replace("]", ""))
                        .isLoopbackAddress();
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }

    /** A copy with the region set, if none was configured (e.g. taken from the stream ARN). */
    public AwsSettings withRegionIfAbsent(@Nullable String fallback) {
        if (region != null || fallback == null) {
            return this;
        }
        return new AwsSettings(
                fallback,
                endpoint,
                credentials,
                trustAllCertificates,
                protocol,
                maxConcurrency,
                readTimeout);
    }

    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    public CredentialsSettings credentials() {
        return credentials;
    }

    public boolean trustAllCertificates() {
        return trustAllCertificates;
    }

    public HttpProtocolVersion protocol() {
        return protocol;
    }

    public int maxConcurrency() {
        return maxConcurrency;
    }

    public Optional<Duration> readTimeout() {
        return Optional.ofNullable(readTimeout);
    }

    @Override
    public String toString() {
        return "AwsSettings{region="
                + region
                + ", endpoint="
                + endpoint
                + ", credentials="
                + credentials
                + ", trustAllCertificates="
                + trustAllCertificates
                + ", protocol="
                + protocol
                + ", maxConcurrency="
                + maxConcurrency
                + ", readTimeout="
                + readTimeout
                + '}';
    }
}
