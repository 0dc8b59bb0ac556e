package dev.riffle.jobs.ingestion.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampNormalizerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"2026-03-01T12:00:00Z\"          | 2026-03-01T12:00:00Z",
                "\"2026-03-01T12:00:00.123456Z\"   | 2026-03-01T12:00:00.123Z",
                "\"2026-03-01T13:30:00+01:30\"     | 2026-03-01T12:00:00Z",
                "\"2026-03-01T07:00-05:00\"        | 2026-03-01T12:00:00Z",
                "1772366400                        | 2026-03-01T12:00:00Z",
                "1772366400.25                     | 2026-03-01T12:00:00.250Z",
                "1772366400250                     | 2026-03-01T12:00:00.250Z",
                "99999999999                       | 5138-11-16T09:46:39Z",
                "100000000000                      | 1973-03-03T09:46:40Z",
                "0                                 | 1970-01-01T00:00:00Z"
            })
    void readsEveryAcceptedFormatAsAUtcInstant(String json, String expected) throws Exception {
        assertThat(TimestampNormalizer.normalize(MAPPER.readTree(json)))
                .isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"2026-02-30T10:00:00Z\"",
                "\"2026-03-01T12:00:00\"",
                "\"2026-03-01 12:00:00Z\"",
                "\"yesterday\"",
                "\"\"",
                "-1",
                "-0.5",
                "1e300"
            })
    void rejectsWhatIsNoInstant(String json) throws Exception {
        assertThatThrownBy(() -> TimestampNormalizer.normalize(MAPPER.readTree(json)))
                .isInstanceOf(TimestampNormalizer.InvalidTimestampException.class)
                .hasMessageContaining("timestamp");
    }
}
