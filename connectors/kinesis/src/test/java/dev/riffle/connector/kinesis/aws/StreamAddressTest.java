package dev.riffle.connector.kinesis.aws;

import dev.riffle.connector.kinesis.aws.internal.ConfigProblems;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StreamAddressTest {

    private static final String ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/events";

    @Test
    void anArnGivesNameRegionAndAccount() {
        StreamAddress a = parseOk(Map.of("stream.arn", ARN));
        assertThat(a.name()).isEqualTo("events");
        assertThat(a.region()).isEqualTo("eu-west-1");
        assertThat(a.accountId()).contains("123456789012");
        assertThat(a.arn()).contains(ARN);
    }

    @Test
    void aNameNeedsARegion() {
        assertThat(problems(Map.of("stream.name", "events")))
                .singleElement()
                .asString()
                .startsWith("Missing configuration aws.region: stream.name is set");
        StreamAddress a = parseOk(Map.of("stream.name", "events", "aws.region", "us-east-1"));
        assertThat(a.arn()).isEmpty();
        assertThat(a.id()).isEqualTo("events");
    }

    @Test
    void exactlyOneOfArnAndNameIsRequired() {
        assertThat(problems(Map.of()))
                .singleElement()
                .asString()
                .contains(
                        "no stream is configured; set stream.arn, or stream.name with aws.region");
        assertThat(problems(Map.of("stream.arn", ARN, "stream.name", "events")))
                .singleElement()
                .asString()
                .startsWith("Both stream.arn and stream.name are set");
    }

    @Test
    void aRegionThatContradictsTheArnIsRejected() {
        assertThat(problems(Map.of("stream.arn", ARN, "aws.region", "us-east-1")))
                .singleElement()
                .asString()
                .isEqualTo(
                        "Invalid value 'us-east-1' for configuration aws.region: it differs from"
                                + " the region eu-west-1 of stream.arn. Accepted: eu-west-1, or"
                                + " leave aws.region unset");
    }

    @Test
    void notAStreamArnIsRejected() {
        assertThat(problems(Map.of("stream.arn", "arn:aws:s3:::bucket")))
                .singleElement()
                .asString()
                .contains("it is not the ARN of a Kinesis data stream");
        assertThat(problems(Map.of("stream.arn", "events")))
                .singleElement()
                .asString()
                .contains("Invalid value 'events' for configuration stream.arn: it is not an ARN");
    }

    private static StreamAddress parseOk(Map<String, String> config) {
        ConfigProblems p = new ConfigProblems(config);
        StreamAddress a = StreamAddress.parse(p, AwsSettings.parse(p));
        assertThat(p.problems()).isEmpty();
        return a;
    }

    private static java.util.List<String> problems(Map<String, String> config) {
        ConfigProblems p = new ConfigProblems(config);
        StreamAddress.parse(p, AwsSettings.parse(p));
        return p.problems();
    }
}
