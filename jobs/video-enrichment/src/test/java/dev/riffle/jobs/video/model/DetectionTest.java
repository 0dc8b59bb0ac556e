package dev.riffle.jobs.video.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detections from Rekognition (stream ARNs) meet fragments of a source configured by ARN or name.
 */
class DetectionTest {

    @Test
    void anArnAndTheStreamsNameGiveTheSameJoinKey() {
        String arn = "arn:aws:kinesisvideo:us-east-1:123456789012:stream/front-door/1700000000000";
        assertThat(Detection.fragmentKey(arn, "9134"))
                .isEqualTo(Detection.fragmentKey("front-door", "9134"))
                .isEqualTo("front-door|9134");
        assertThat(Detection.streamName("arn:aws-cn:kinesisvideo:cn-north-1:1:stream/a.b_c-d/1"))
                .isEqualTo("a.b_c-d");
        assertThat(Detection.streamName("arn:aws:kinesisvideo:us-east-1:1:stream/no-time"))
                .isEqualTo("no-time");
    }

    @Test
    void streamsOfTheSameNameInTwoAccountsWouldShareAKeyButFragmentNumbersDiffer() {
        // Documented limit: the key is the name, unique within one account and region.
        assertThat(Detection.fragmentKey("arn:aws:kinesisvideo:r:1:stream/door/1", "1"))
                .isNotEqualTo(Detection.fragmentKey("arn:aws:kinesisvideo:r:1:stream/door/1", "2"));
    }
}
