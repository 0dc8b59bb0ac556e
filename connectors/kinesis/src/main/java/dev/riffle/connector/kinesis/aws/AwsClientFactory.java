package dev.riffle.connector.kinesis.aws;

import org.apache.flink.annotation.Internal;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClientBuilder;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.AttributeMap;

import java.net.URI;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds AWS SDK v2 clients from {@link AwsSettings}: Kinesis sync (Apache HTTP client, for polling
 * and control calls) and async (Netty, HTTP/2 by default, for enhanced fan-out and the sink), with
 * the configured region, endpoint, credentials, TLS trust and HTTP tuning, and the user agent
 * suffix {@value #USER_AGENT_SUFFIX}.
 *
 * <p>Each method returns a {@link ClientHandle}: closing it closes the client and everything the
 * credentials provider holds (an STS client for assume-role).
 */
@Internal
public final class AwsClientFactory {

    /** Appended to the SDK's user agent so that service-side logs show Riffle's calls. */
    public static final String USER_AGENT_SUFFIX = "riffle";

    private static final Duration ASYNC_READ_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration CONNECTION_ACQUISITION_TIMEOUT = Duration.ofSeconds(60);
    private static final int HTTP2_INITIAL_WINDOW_BYTES = 512 * 1024;
    private static final Duration HTTP2_HEALTH_CHECK_PING_PERIOD = Duration.ofSeconds(60);

    private AwsClientFactory() {}

    /** A synchronous Kinesis client. */
    public static ClientHandle<KinesisClient> kinesisClient(AwsSettings settings) {
        return kinesisClient(settings, b -> {});
    }

    /**
     * A synchronous Kinesis client; {@code customizer} may adjust the builder last (e.g. the retry
     * strategy), after every setting has been applied.
     */
    public static ClientHandle<KinesisClient> kinesisClient(
            AwsSettings settings, Consumer<KinesisClientBuilder> customizer) {
        return kinesisClient(settings, o -> {}, customizer);
    }

    /**
     * A synchronous Kinesis client whose override configuration (retry strategy, timeouts) is
     * adjusted by {@code overrides}; the user agent suffix is kept.
     */
    public static ClientHandle<KinesisClient> kinesisClient(
            AwsSettings settings,
            Consumer<ClientOverrideConfiguration.Builder> overrides,
            Consumer<KinesisClientBuilder> customizer) {
        List<AutoCloseable> resources = new ArrayList<>();
        KinesisClientBuilder builder = KinesisClient.builder();
        configure(builder, settings, resources, overrides);
        builder.httpClientBuilder(syncHttpClient(settings));
        customizer.accept(builder);
        return new ClientHandle<>(builder.build(), resources);
    }

    /** An asynchronous Kinesis client on Netty (HTTP/2 unless configured otherwise). */
    public static ClientHandle<KinesisAsyncClient> kinesisAsyncClient(AwsSettings settings) {
        return kinesisAsyncClient(settings, b -> {});
    }

    /** An asynchronous Kinesis client; {@code customizer} may adjust the builder last. */
    public static ClientHandle<KinesisAsyncClient> kinesisAsyncClient(
            AwsSettings settings, Consumer<KinesisAsyncClientBuilder> customizer) {
        return kinesisAsyncClient(settings, o -> {}, customizer);
    }

    /** An asynchronous Kinesis client with adjusted override configuration. */
    public static ClientHandle<KinesisAsyncClient> kinesisAsyncClient(
            AwsSettings settings,
            Consumer<ClientOverrideConfiguration.Builder> overrides,
            Consumer<KinesisAsyncClientBuilder> customizer) {
        List<AutoCloseable> resources = new ArrayList<>();
        KinesisAsyncClientBuilder builder = KinesisAsyncClient.builder();
        configure(builder, settings, resources, overrides);
        builder.httpClientBuilder(asyncHttpClient(settings));
        customizer.accept(builder);
        return new ClientHandle<>(builder.build(), resources);
    }

    /**
     * Region, endpoint, credentials and user agent for any AWS client builder; closeable parts of
     * the credentials provider are added to {@code resources}.
     */
    public static void configure(
            AwsClientBuilder<?, ?> builder, AwsSettings settings, List<AutoCloseable> resources) {
        configure(builder, settings, resources, o -> {});
    }

    /** As {@link #configure(AwsClientBuilder, AwsSettings, List)}, adjusting the overrides. */
    public static void configure(
            AwsClientBuilder<?, ?> builder,
            AwsSettings settings,
            List<AutoCloseable> resources,
            Consumer<ClientOverrideConfiguration.Builder> overrides) {
        settings.region().map(Region::of).ifPresent(builder::region);
        settings.endpoint().ifPresent(builder::endpointOverride);
        builder.credentialsProvider(
                credentialsProvider(settings.credentials(), settings, resources));
        ClientOverrideConfiguration.Builder o = ClientOverrideConfiguration.builder();
        overrides.accept(o);
        o.putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, USER_AGENT_SUFFIX);
        builder.overrideConfiguration(o.build());
    }

    private static ClientOverrideConfiguration userAgent() {
        return ClientOverrideConfiguration.builder()
                .putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, USER_AGENT_SUFFIX)
                .build();
    }

    /** The credentials provider the settings describe. */
    public static AwsCredentialsProvider credentialsProvider(
            CredentialsSettings c, AwsSettings settings, List<AutoCloseable> resources) {
        switch (c.type()) {
            case BASIC:
                return StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(
                                c.value(CredentialsKeys.ACCESS_KEY_ID),
                                c.value(CredentialsKeys.SECRET_KEY)));
            case PROFILE:
                return profileProvider(c);
            case ENV_VAR:
                return EnvironmentVariableCredentialsProvider.create();
            case SYS_PROP:
                return SystemPropertyCredentialsProvider.create();
            case WEB_IDENTITY_TOKEN:
                return webIdentityProvider(c, resources);
            case ASSUME_ROLE:
                return assumeRoleProvider(c, settings, resources);
            case AUTO:
            default:
                // A new instance per client: the shared singleton would be closed by any owner.
                DefaultCredentialsProvider auto = DefaultCredentialsProvider.builder().build();
                resources.add(auto);
                return auto;
        }
    }

    private static AwsCredentialsProvider profileProvider(CredentialsSettings c) {
        ProfileCredentialsProvider.Builder b = ProfileCredentialsProvider.builder();
        String name = c.value(CredentialsKeys.PROFILE_NAME);
        if (name != null) {
            b.profileName(name);
        }
        String path = c.value(CredentialsKeys.PROFILE_PATH);
        if (path != null) {
            b.profileFile(
                    ProfileFile.builder()
                            .type(ProfileFile.Type.CREDENTIALS)
                            .content(Paths.get(path))
                            .build());
        }
        return b.build();
    }

    private static AwsCredentialsProvider webIdentityProvider(
            CredentialsSettings c, List<AutoCloseable> resources) {
        WebIdentityTokenFileCredentialsProvider.Builder b =
                WebIdentityTokenFileCredentialsProvider.builder();
        if (c.value(CredentialsKeys.ROLE_ARN) != null) {
            b.roleArn(c.value(CredentialsKeys.ROLE_ARN));
        }
        if (c.value(CredentialsKeys.ROLE_SESSION_NAME) != null) {
            b.roleSessionName(c.value(CredentialsKeys.ROLE_SESSION_NAME));
        }
        if (c.value(CredentialsKeys.WEB_IDENTITY_TOKEN_FILE) != null) {
            b.webIdentityTokenFile(Paths.get(c.value(CredentialsKeys.WEB_IDENTITY_TOKEN_FILE)));
        }
        WebIdentityTokenFileCredentialsProvider provider = b.build();
        resources.add(provider);
        return provider;
    }

    private static AwsCredentialsProvider assumeRoleProvider(
            CredentialsSettings c, AwsSettings settings, List<AutoCloseable> resources) {
        StsClientBuilder sts = StsClient.builder();
        settings.region().map(Region::of).ifPresent(sts::region);
        String stsEndpoint = c.value(CredentialsKeys.ROLE_STS_ENDPOINT);
        if (stsEndpoint != null) {
            sts.endpointOverride(URI.create(stsEndpoint.trim()));
        }
        CredentialsSettings base = c.roleProvider();
        if (base == null) {
            DefaultCredentialsProvider auto = DefaultCredentialsProvider.builder().build();
            resources.add(auto);
            sts.credentialsProvider(auto);
        } else {
            sts.credentialsProvider(credentialsProvider(base, settings, resources));
        }
        sts.httpClientBuilder(syncHttpClient(settings));
        sts.overrideConfiguration(userAgent());
        StsClient stsClient = sts.build();
        StsAssumeRoleCredentialsProvider provider =
                StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(stsClient)
                        .refreshRequest(
                                r ->
                                        r.roleArn(c.value(CredentialsKeys.ROLE_ARN))
                                                .roleSessionName(c.roleSessionName())
                                                .externalId(
                                                        c.value(CredentialsKeys.ROLE_EXTERNAL_ID)))
                        .build();
        // Close order: the provider first, then the STS client it refreshes from.
        resources.add(provider);
        resources.add(stsClient);
        return provider;
    }

    /** Apache HTTP client builder applying timeouts, pool size and TLS trust. */
    static SdkHttpClient.Builder<?> syncHttpClient(AwsSettings settings) {
        AttributeMap.Builder ours = AttributeMap.builder();
        ours.put(SdkHttpConfigurationOption.MAX_CONNECTIONS, settings.maxConcurrency());
        settings.readTimeout().ifPresent(t -> ours.put(SdkHttpConfigurationOption.READ_TIMEOUT, t));
        ours.put(
                SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, settings.trustAllCertificates());
        ours.put(SdkHttpConfigurationOption.TCP_KEEPALIVE, true);
        return new MergingSyncBuilder(ours.build());
    }

    /** Netty client builder applying protocol, concurrency, timeouts and TLS trust. */
    static SdkAsyncHttpClient.Builder<?> asyncHttpClient(AwsSettings settings) {
        AttributeMap.Builder ours = AttributeMap.builder();
        ours.put(SdkHttpConfigurationOption.MAX_CONNECTIONS, settings.maxConcurrency());
        ours.put(
                SdkHttpConfigurationOption.READ_TIMEOUT,
                settings.readTimeout().orElse(ASYNC_READ_TIMEOUT));
        ours.put(
                SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, settings.trustAllCertificates());
        ours.put(SdkHttpConfigurationOption.TCP_KEEPALIVE, true);
        ours.put(
                SdkHttpConfigurationOption.CONNECTION_ACQUIRE_TIMEOUT,
                CONNECTION_ACQUISITION_TIMEOUT);
        ours.put(
                SdkHttpConfigurationOption.PROTOCOL,
                settings.protocol() == HttpProtocolVersion.HTTP2
                        ? Protocol.HTTP2
                        : Protocol.HTTP1_1);
        return new MergingAsyncBuilder(ours.build());
    }

    /**
     * Lets the SDK own (and close) the HTTP client while our settings win over the service's
     * defaults: {@code buildWithDefaults} merges ours first.
     */
    private static final class MergingSyncBuilder
            implements SdkHttpClient.Builder<MergingSyncBuilder> {
        private final AttributeMap ours;

        MergingSyncBuilder(AttributeMap ours) {
            this.ours = ours;
        }

        @Override
        public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            return ApacheHttpClient.builder().buildWithDefaults(ours.merge(serviceDefaults));
        }
    }

    private static final class MergingAsyncBuilder
            implements SdkAsyncHttpClient.Builder<MergingAsyncBuilder> {
        private final AttributeMap ours;

        MergingAsyncBuilder(AttributeMap ours) {
            this.ours = ours;
        }

        @Override
        public SdkAsyncHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            return NettyNioAsyncHttpClient.builder()
                    .http2Configuration(
                            h ->
                                    h.initialWindowSize(HTTP2_INITIAL_WINDOW_BYTES)
                                            .healthCheckPingPeriod(HTTP2_HEALTH_CHECK_PING_PERIOD))
                    .buildWithDefaults(ours.merge(serviceDefaults));
        }
    }
}
