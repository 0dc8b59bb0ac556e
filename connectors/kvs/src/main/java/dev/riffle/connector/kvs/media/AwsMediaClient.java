package dev.riffle.connector.kvs.media;

import dev.riffle.connector.kinesis.aws.AwsClientFactory;
import dev.riffle.connector.kinesis.aws.AwsSettings;
import dev.riffle.connector.kvs.StartSelector;

import org.apache.flink.annotation.Internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClientBuilder;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;
import software.amazon.awssdk.services.kinesisvideo.model.GetDataEndpointRequest;
import software.amazon.awssdk.services.kinesisvideomedia.KinesisVideoMediaClient;
import software.amazon.awssdk.services.kinesisvideomedia.KinesisVideoMediaClientBuilder;
import software.amazon.awssdk.services.kinesisvideomedia.model.ClientLimitExceededException;
import software.amazon.awssdk.services.kinesisvideomedia.model.ConnectionLimitExceededException;
import software.amazon.awssdk.services.kinesisvideomedia.model.GetMediaRequest;
import software.amazon.awssdk.services.kinesisvideomedia.model.GetMediaResponse;
import software.amazon.awssdk.services.kinesisvideomedia.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideomedia.model.InvalidEndpointException;
import software.amazon.awssdk.services.kinesisvideomedia.model.NotAuthorizedException;
import software.amazon.awssdk.services.kinesisvideomedia.model.StartSelectorType;
import software.amazon.awssdk.utils.AttributeMap;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GetMedia through the AWS SDK v2: {@code GetDataEndpoint} (API {@code GET_MEDIA}) once per stream,
 * cached until a call fails, then {@code GetMedia} on that endpoint. Region, endpoint override,
 * credentials and TLS trust come from the shared {@code aws.*} settings.
 */
@Internal
public final class AwsMediaClient implements MediaClient {
    private static final Logger LOG = LoggerFactory.getLogger(AwsMediaClient.class);

    private final AwsSettings settings;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final KinesisVideoClient control;
    private final Map<String, KinesisVideoMediaClient> media = new HashMap<>();

    public AwsMediaClient(AwsSettings settings) {
        this.settings = settings;
        // One credentials provider and one HTTP client for every client: the SDK closes neither.
        this.credentials =
                AwsClientFactory.credentialsProvider(settings.credentials(), settings, resources);
        this.http = httpClient();
        KinesisVideoClientBuilder builder = KinesisVideoClient.builder();
        apply(builder);
        settings.endpoint().ifPresent(builder::endpointOverride);
        this.control = builder.build();
    }

    private void apply(AwsClientBuilder<?, ?> builder) {
        settings.region().map(Region::of).ifPresent(builder::region);
        builder.credentialsProvider(credentials);
        builder.overrideConfiguration(
                ClientOverrideConfiguration.builder()
                        // The reader retries, with its backoff and its pacing of GetMedia calls (at
                        // most 5 per second per stream): SDK retries would add calls behind it.
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .putAdvancedOption(
                                SdkAdvancedClientOption.USER_AGENT_SUFFIX,
                                AwsClientFactory.USER_AGENT_SUFFIX)
                        .build());
        if (builder instanceof SdkSyncClientBuilder) {
            ((SdkSyncClientBuilder<?, ?>) builder).httpClient(http);
        }
    }

    @Override
    public InputStream getMedia(String stream, StartSelector selector) throws IOException {
        KinesisVideoMediaClient client = mediaClient(stream);
        try {
            ResponseInputStream<GetMediaResponse> response =
                    client.getMedia(request(stream, selector));
            return new AbortOnClose(response);
        } catch (SdkException e) {
            forget(stream);
            throw classify("GetMedia", stream, e);
        }
    }

    private KinesisVideoMediaClient mediaClient(String stream) throws MediaClientException {
        KinesisVideoMediaClient client = media.get(stream);
        if (client != null) {
            return client;
        }
        String endpoint;
        try {
            GetDataEndpointRequest.Builder request =
                    GetDataEndpointRequest.builder().apiName(APIName.GET_MEDIA);
            if (isArn(stream)) {
                request.streamARN(stream);
            } else {
                request.streamName(stream);
            }
            endpoint = control.getDataEndpoint(request.build()).dataEndpoint();
        } catch (SdkException e) {
            throw classify("GetDataEndpoint", stream, e);
        }
        LOG.info("GetMedia endpoint for {} is {}", stream, endpoint);
        KinesisVideoMediaClientBuilder builder = KinesisVideoMediaClient.builder();
        apply(builder);
        builder.endpointOverride(URI.create(endpoint));
        client = builder.build();
        media.put(stream, client);
        return client;
    }

    private void forget(String stream) {
        KinesisVideoMediaClient client = media.remove(stream);
        if (client != null) {
            client.close();
        }
    }

    static GetMediaRequest request(String stream, StartSelector selector) {
        software.amazon.awssdk.services.kinesisvideomedia.model.StartSelector.Builder s =
                software.amazon.awssdk.services.kinesisvideomedia.model.StartSelector.builder()
                        .startSelectorType(StartSelectorType.fromValue(selector.type().name()));
        switch (selector.type()) {
            case FRAGMENT_NUMBER:
                s.afterFragmentNumber(selector.value());
                break;
            case SERVER_TIMESTAMP:
            case PRODUCER_TIMESTAMP:
                s.startTimestamp(Instant.ofEpochMilli(selector.timestampMillis()));
                break;
            case CONTINUATION_TOKEN:
                s.continuationToken(selector.value());
                break;
            default:
                break;
        }
        GetMediaRequest.Builder request = GetMediaRequest.builder().startSelector(s.build());
        if (isArn(stream)) {
            request.streamARN(stream);
        } else {
            request.streamName(stream);
        }
        return request.build();
    }

    static boolean isArn(String stream) {
        return stream.startsWith("arn:");
    }

    static MediaClientException classify(String call, String stream, SdkException e) {
        boolean fatal =
                e instanceof InvalidArgumentException
                        || e instanceof NotAuthorizedException
                        || e
                                instanceof
                                software.amazon.awssdk.services.kinesisvideo.model
                                        .InvalidArgumentException
                        || e
                                instanceof
                                software.amazon.awssdk.services.kinesisvideo.model
                                        .NotAuthorizedException;
        String what;
        if (e instanceof ClientLimitExceededException
                || e instanceof ConnectionLimitExceededException
                || e
                        instanceof
                        software.amazon.awssdk.services.kinesisvideo.model
                                .ClientLimitExceededException) {
            what = "throttled by KVS";
        } else if (e instanceof InvalidEndpointException) {
            what = "the stream's endpoint moved";
        } else if (e instanceof SdkClientException) {
            what = "could not reach KVS";
        } else {
            what = "failed";
        }
        return new MediaClientException(
                call
                        + " for "
                        + stream
                        + " "
                        + what
                        + ": "
                        + e.getMessage()
                        + (fatal
                                ? ". Check the stream name or ARN, the start selector and the"
                                        + " credentials' kinesisvideo:GetDataEndpoint and"
                                        + " kinesisvideo:GetMedia permissions."
                                : ""),
                !fatal,
                e);
    }

    private SdkHttpClient httpClient() {
        AttributeMap.Builder attributes = AttributeMap.builder();
        attributes.put(
                SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, settings.trustAllCertificates());
        attributes.put(SdkHttpConfigurationOption.TCP_KEEPALIVE, true);
        settings.readTimeout()
                .ifPresent(t -> attributes.put(SdkHttpConfigurationOption.READ_TIMEOUT, t));
        return ApacheHttpClient.builder().buildWithDefaults(attributes.build());
    }

    @Override
    public void close() {
        media.values().forEach(KinesisVideoMediaClient::close);
        media.clear();
        control.close();
        http.close();
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception ignored) {
                // Best effort: the clients are gone either way.
            }
        }
    }

    /** Closing a live GetMedia response must not drain it: abort the connection instead. */
    private static final class AbortOnClose extends FilterInputStream {
        private final ResponseInputStream<?> response;

        AbortOnClose(ResponseInputStream<?> response) {
            super(response);
            this.response = response;
        }

        @Override
        public void close() {
            response.abort();
        }
    }
}
