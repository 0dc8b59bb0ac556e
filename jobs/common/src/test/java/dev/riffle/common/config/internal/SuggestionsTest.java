package dev.riffle.common.config.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {

    private static final List<String> KEYS =
            List.of("stream.arn", "aws.region", "aws.endpoint", "idle-timeout");

    @Test
    void suggestsTheClosestKeyForATypo() {
        assertThat(Suggestions.closest("stream.ar", KEYS)).contains("stream.arn");
        assertThat(Suggestions.closest("aws.regoin", KEYS)).contains("aws.region");
        assertThat(Suggestions.closest("AWS.Region", KEYS)).contains("aws.region");
        assertThat(Suggestions.closest("idle_timeout", KEYS)).contains("idle-timeout");
    }

    @Test
    void suggestsNothingForAnUnrelatedKeyOrTheKeyItself() {
        assertThat(Suggestions.closest("colour", KEYS)).isEmpty();
        assertThat(Suggestions.closest("ab", List.of("cd"))).isEmpty();
        assertThat(Suggestions.closest("aws.region", List.of("aws.region"))).isEmpty();
    }

    @Test
    void countsEditsLikeLevenshtein() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("same", "same")).isZero();
    }
}
