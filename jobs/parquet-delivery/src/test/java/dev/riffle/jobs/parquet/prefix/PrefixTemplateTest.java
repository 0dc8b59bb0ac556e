package dev.riffle.jobs.parquet.prefix;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrefixTemplateTest {

    static final long T = Instant.parse("2018-08-27T10:30:15.123Z").toEpochMilli();

    @Test
    void emptyPrefixIsFirehosesDefaultHourlyFolders() {
        Prefixes p = Prefixes.resolve("", null, Set.of());
        assertThat(p.data().evaluator().evaluate(T, Map.of(), null)).isEqualTo("2018/08/27/10/");
        assertThat(p.error().evaluator().evaluate(T, Map.of(), "format-conversion-failed"))
                .isEqualTo("format-conversion-failed/2018/08/27/10/");
    }

    @Test
    void literalPrefixGetsTheDefaultTimeFoldersAndAnErrorPrefixBesideIt() {
        Prefixes p = Prefixes.resolve("myFirehosePrefix", null, Set.of());
        assertThat(p.data().evaluator().evaluate(T, Map.of(), null))
                .isEqualTo("myFirehosePrefix/2018/08/27/10/");
        assertThat(p.error().evaluator().evaluate(T, Map.of(), "format-conversion-failed"))
                .isEqualTo("myFirehosePrefix/format-conversion-failed/2018/08/27/10/");
    }

    @Test
    void hiveStyleFoldersWithQuotedLiteralsAndPartitionKeys() {
        Prefixes p =
                Prefixes.resolve(
                        "events/type=!{partitionKeyFromQuery:type}/!{timestamp:'dt='yyyy-MM-dd'/hr='HH}/",
                        "errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/",
                        Set.of("type"));
        assertThat(p.data().evaluator().evaluate(T, Map.of("type", "click"), null))
                .isEqualTo("events/type=click/dt=2018-08-27/hr=10/");
        assertThat(p.error().evaluator().evaluate(T, Map.of(), "activePartitionExceeded"))
                .isEqualTo("errors/activePartitionExceeded/2018/08/27/");
    }

    @Test
    void randomStringIsElevenCharactersAndChangesWhenRedrawn() {
        Prefixes p =
                Prefixes.resolve(
                        "!{firehose:random-string}/!{timestamp:yyyy}/",
                        "e/!{firehose:error-output-type}/",
                        Set.of());
        PrefixTemplate.Evaluator e = p.data().evaluator();
        String first = e.evaluate(T, Map.of(), null);
        assertThat(first).matches("[0-9a-z]{11}/2018/");
        assertThat(e.evaluate(T + 1000, Map.of(), null)).isEqualTo(first);
        e.newRandomStrings(new java.util.Random(42));
        assertThat(e.evaluate(T, Map.of(), null)).isNotEqualTo(first);
    }

    @Test
    void aPrefixOfTheSecondIsBuiltOncePerSecondAndPartitionKeysEveryTime() {
        Prefixes p =
                Prefixes.resolve(
                        "!{firehose:random-string}/dt=!{timestamp:yyyy-MM-dd'/hr='HH}/",
                        "e/!{firehose:error-output-type}/",
                        Set.of());
        PrefixTemplate.Evaluator e = p.data().evaluator();
        String first = e.evaluate(T, Map.of(), null);
        assertThat(e.evaluate(T + 1, Map.of(), null)).as("same second").isSameAs(first);
        String next = e.evaluate(T + 1000, Map.of(), null);
        assertThat(next).as("next second, same text").isEqualTo(first).isNotSameAs(first);
        e.newRandomStrings(new java.util.Random(7));
        assertThat(e.evaluate(T + 1000, Map.of(), null))
                .as("new random string within the second")
                .isNotEqualTo(first);

        PrefixTemplate.Evaluator keyed =
                Prefixes.resolve(
                                "t=!{partitionKeyFromQuery:type}/!{timestamp:yyyy}/",
                                "e/!{firehose:error-output-type}/",
                                Set.of("type"))
                        .data()
                        .evaluator();
        assertThat(keyed.evaluate(T, Map.of("type", "click"), null)).isEqualTo("t=click/2018/");
        assertThat(keyed.evaluate(T, Map.of("type", "view"), null)).isEqualTo("t=view/2018/");
        PrefixTemplate.Evaluator error = p.error().evaluator();
        assertThat(error.evaluate(T, Map.of(), "format-conversion-failed"))
                .isEqualTo("e/format-conversion-failed/");
        assertThat(error.evaluate(T, Map.of(), "activePartitionExceeded"))
                .isEqualTo("e/activePartitionExceeded/");
    }

    @Test
    void timestampCacheFollowsTheSecondAndSubSecondPatternsAreExact() {
        PrefixTemplate t =
                PrefixTemplate.parse("!{timestamp:HH-mm-ss.SSS}/", PrefixKind.DATA, Set.of());
        PrefixTemplate.Evaluator e = t.evaluator();
        assertThat(e.evaluate(T, Map.of(), null)).isEqualTo("10-30-15.123/");
        assertThat(e.evaluate(T + 1, Map.of(), null)).isEqualTo("10-30-15.124/");
        PrefixTemplate s =
                PrefixTemplate.parse("!{timestamp:HH-mm-ss}/", PrefixKind.DATA, Set.of());
        PrefixTemplate.Evaluator es = s.evaluator();
        assertThat(es.evaluate(T, Map.of(), null)).isEqualTo("10-30-15/");
        assertThat(es.evaluate(T + 900, Map.of(), null)).isEqualTo("10-30-16/");
    }

    @Test
    void reportsEveryBrokenRuleAtOnce() {
        assertThatThrownBy(
                        () ->
                                Prefixes.resolve(
                                        "/a/!{timestamp:yyyy}/!{firehose:error-output-type}/!{partitionKeyFromQuery:x}/!{unknown:v}",
                                        "errors/",
                                        Set.of("y")))
                .isInstanceOf(InvalidPrefixException.class)
                .satisfies(
                        e -> {
                            var problems = ((InvalidPrefixException) e).problems();
                            assertThat(String.join("\n", problems))
                                    .contains(
                                            "error-output-type} can only be used in the error"
                                                    + " prefix")
                                    .contains("partition key 'x' is not defined. Defined: [y]")
                                    .contains("partition key 'y' is defined but not used")
                                    .contains("unknown namespace 'unknown'")
                                    .contains("must not start with '/'")
                                    .contains("must end with '/'")
                                    .contains(
                                            "an error prefix must contain"
                                                    + " !{firehose:error-output-type}");
                        });
    }

    @Test
    void errorPrefixIsRequiredWhenThePrefixHasExpressions() {
        assertThatThrownBy(() -> Prefixes.resolve("!{timestamp:yyyy}/", null, Set.of()))
                .hasMessageContaining(
                        "an error prefix is required when the prefix contains expressions");
    }

    @Test
    void rejectsBadPatternsUnclosedAndLambdaExpressions() {
        assertThatThrownBy(
                        () ->
                                PrefixTemplate.parse(
                                        "!{timestamp:yyyy-bb}/", PrefixKind.DATA, Set.of()))
                .hasMessageContaining("is not a valid DateTimeFormatter pattern");
        assertThatThrownBy(
                        () ->
                                PrefixTemplate.parse(
                                        "a/!{timestamp:yyyy/", PrefixKind.DATA, Set.of()))
                .hasMessageContaining("is not closed");
        assertThatThrownBy(
                        () ->
                                PrefixTemplate.parse(
                                        "!{partitionKeyFromLambda:id}/", PrefixKind.DATA, Set.of()))
                .hasMessageContaining("partitionKeyFromLambda:...} is not supported");
        assertThatThrownBy(
                        () ->
                                PrefixTemplate.parse(
                                        "e/!{firehose:error-output-type}/!{partitionKeyFromQuery:k}/",
                                        PrefixKind.ERROR,
                                        Set.of("k")))
                .hasMessageContaining("the error prefix cannot use !{partitionKeyFromQuery");
    }

    @Test
    void evaluatedPrefixesAreChecked() {
        assertThat(PrefixTemplate.checkEvaluated("a/b=c/")).isNull();
        assertThat(PrefixTemplate.checkEvaluated("a/../b/")).contains("'..'");
        assertThat(PrefixTemplate.checkEvaluated("a//b/")).contains("empty folder");
        assertThat(PrefixTemplate.checkEvaluated("x".repeat(513) + "/")).contains("at most 512");
    }
}
