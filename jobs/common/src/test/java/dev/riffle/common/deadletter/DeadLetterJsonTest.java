package dev.riffle.common.deadletter;

import dev.riffle.common.event.RawRecord;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterJsonTest {
    private static final Instant FAILED = Instant.parse("2026-03-01T12:00:01.002Z");

    private static RawRecord record(byte[] data) {
        return new RawRecord(
                data,
                "raw-events",
                "shardId-000000000001",
                "49630",
                "u-42",
                Instant.parse("2026-03-01T12:00:00.950Z").toEpochMilli());
    }

    @Test
    void writesThePinnedSuiteFormat() {
        DeadLetter d =
                DeadLetter.of(
                        record("{\"a\"".getBytes(StandardCharsets.UTF_8)),
                        ErrorType.MALFORMED_JSON,
                        "Unexpected end of input",
                        "riffle-ingestion",
                        FAILED,
                        1024);
        assertThat(new String(DeadLetterJson.write(d), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"version\":1,\"errorType\":\"MALFORMED_JSON\",\"errorMessage\":\"Unexpected"
                            + " end of input\","
                            + "\"jobName\":\"riffle-ingestion\",\"failedAt\":\"2026-03-01T12:00:01.002Z\","
                            + "\"sourceStream\":\"raw-events\",\"shardId\":\"shardId-000000000001\","
                            + "\"sequenceNumber\":\"49630\",\"partitionKey\":\"u-42\","
                            + "\"arrivalTime\":\"2026-03-01T12:00:00.950Z\",\"rawSize\":4,\"rawTruncated\":false,"
                            + "\"rawBase64\":\"eyJhIg==\"}");
    }

    @Test
    void roundTripsArbitraryBytes() throws Exception {
        byte[] invalidUtf8 = {'{', (byte) 0xC3, (byte) 0x28, '}'};
        DeadLetter d =
                DeadLetter.of(
                        record(invalidUtf8),
                        ErrorType.INVALID_ENCODING,
                        "bad byte",
                        "riffle-ingestion",
                        FAILED,
                        1024);
        DeadLetter back = DeadLetterJson.read(DeadLetterJson.write(d));
        assertThat(back).isEqualTo(d);
        assertThat(back.raw).containsExactly(invalidUtf8);
    }

    @Test
    void truncatesOversizeRecordsAndKeepsTheirSize() throws Exception {
        byte[] big = new byte[5000];
        DeadLetter d =
                DeadLetter.of(
                        record(big),
                        ErrorType.OVERSIZE,
                        "too big",
                        "riffle-ingestion",
                        FAILED,
                        100);
        DeadLetter back = DeadLetterJson.read(DeadLetterJson.write(d));
        assertThat(back.raw).hasSize(100);
        assertThat(back.rawSize).isEqualTo(5000);
        assertThat(back.rawTruncated).isTrue();
    }
}
