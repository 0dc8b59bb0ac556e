package dev.riffle.connector.kinesis.aws;

import dev.riffle.connector.kinesis.aws.internal.ConfigProblems;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import software.amazon.awssdk.arns.Arn;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which stream a connector reads or writes: {@code stream.arn} (the official key) or {@code
 * stream.name} together with {@code aws.region}; exactly one of the two.
 *
 * <p>With a name only, the stream's ARN is unknown until it is described ({@code
 * DescribeStreamSummary} returns it); Kinesis APIs accept either form.
 */
@PublicEvolving
public final class StreamAddress implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final ConfigOption<String> STREAM_ARN =
            ConfigOptions.key("stream.arn")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "ARN of the stream, e.g."
                                + " arn:aws:kinesis:us-east-1:123456789012:stream/events. Set this"
                                + " or stream.name.");

    public static final ConfigOption<String> STREAM_NAME =
            ConfigOptions.key("stream.name")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Name of the stream (Riffle extension); needs aws.region. Set this or"
                                    + " stream.arn.");

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

    @Nullable private final String arn;
    private final String name;
    private final String region;
    @Nullable private final String accountId;

    private StreamAddress(
            @Nullable String arn, String name, String region, @Nullable String accountId) {
        this.arn = arn;
        this.name = name;
        this.region = region;
        this.accountId = accountId;
    }

    /** A stream by ARN; the region and account come from the ARN. */
    public static StreamAddress ofArn(String arn) {
        Arn parsed = Arn.fromString(arn);
        return new StreamAddress(
                arn,
                parsed.resource().resource(),
                parsed.region().orElseThrow(),
                parsed.accountId().orElse(null));
    }

    /** A stream by name in a region. */
    public static StreamAddress ofName(String name, String region) {
        return new StreamAddress(null, name, region, null);
    }

    /** The options this class reads. */
    public static List<ConfigOption<?>> options() {
        return List.of(STREAM_ARN, STREAM_NAME);
    }

    /**
     * Reads {@code stream.arn} / {@code stream.name}, cross-checked with the region in {@code aws},
     * recording problems instead of throwing. Returns null if there were problems.
     */
    @Nullable
    public static StreamAddress parse(ConfigProblems problems, AwsSettings aws) {
        Optional<String> arn = problems.raw(STREAM_ARN.key()).map(String::trim);
        Optional<String> name = problems.raw(STREAM_NAME.key()).map(String::trim);
        if (arn.isPresent() && name.isPresent()) {
            problems.problem(
                    "Both stream.arn and stream.name are set: set exactly one of them"
                            + " (stream.arn, or stream.name with aws.region).");
            return null;
        }
        if (arn.isEmpty() && name.isEmpty()) {
            problems.missing(
                    STREAM_ARN.key(),
                    "no stream is configured; set stream.arn, or stream.name with aws.region");
            return null;
        }
        if (arn.isPresent()) {
            return fromArn(problems, arn.get(), aws);
        }
        if (!NAME.matcher(name.get()).matches()) {
            problems.invalid(
                    STREAM_NAME.key(),
                    "it is not a Kinesis stream name",
                    "1 to 128 letters, digits, '_', '-' or '.'");
            return null;
        }
        if (aws.region().isEmpty()) {
            problems.missing(
                    AwsConfigOptions.AWS_REGION.key(),
                    "stream.name is set, and a stream name alone does not say where the stream"
                            + " is; set aws.region or use stream.arn");
            return null;
        }
        return ofName(name.get(), aws.region().get());
    }

    @Nullable
    private static StreamAddress fromArn(ConfigProblems problems, String raw, AwsSettings aws) {
        String accepted = "an ARN such as arn:aws:kinesis:us-east-1:123456789012:stream/events";
        Arn a;
        try {
            a = Arn.fromString(raw);
        } catch (IllegalArgumentException e) {
            problems.invalid(STREAM_ARN.key(), "it is not an ARN", accepted);
            return null;
        }
        if (!"kinesis".equals(a.service())
                || !a.resource().resourceType().map("stream"::equals).orElse(false)
                || a.region().isEmpty()
                || !NAME.matcher(a.resource().resource()).matches()) {
            problems.invalid(
                    STREAM_ARN.key(), "it is not the ARN of a Kinesis data stream", accepted);
            return null;
        }
        String arnRegion = a.region().get();
        if (aws.region().isPresent() && !aws.region().get().equals(arnRegion)) {
            problems.invalid(
                    AwsConfigOptions.AWS_REGION.key(),
                    "it differs from the region " + arnRegion + " of stream.arn",
                    arnRegion + ", or leave aws.region unset");
            return null;
        }
        return ofArn(raw);
    }

    public Optional<String> arn() {
        return Optional.ofNullable(arn);
    }

    public String name() {
        return name;
    }

    public String region() {
        return region;
    }

    public Optional<String> accountId() {
        return Optional.ofNullable(accountId);
    }

    /** The ARN if known, else the name: a stable identifier for logs and split ids. */
    public String id() {
        return arn != null ? arn : name;
    }

    /** This address with the ARN learned from the service, if it was addressed by name. */
    public StreamAddress withArn(String resolvedArn) {
        return arn != null ? this : ofArn(resolvedArn);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StreamAddress)) {
            return false;
        }
        StreamAddress that = (StreamAddress) o;
        return Objects.equals(arn, that.arn)
                && name.equals(that.name)
                && region.equals(that.region);
    }

    @Override
    public int hashCode() {
        return Objects.hash(arn, name, region);
    }

    @Override
    public String toString() {
        return id();
    }
}
