package dev.riffle.jobs.parquet.record;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorRecordJsonTest {

    @Test
    void writesFirehosesErrorRecordFieldsInOrder() {
        DeliveryRecord in =
                new DeliveryRecord(
                        "{\"amount\":\"abc\"}".getBytes(StandardCharsets.UTF_8),
                        "events",
                        "shardId-000000000001",
                        "49590338271490256608559692538361571095921575989136588898",
                        DeliveryRecord.NOT_AGGREGATED,
                        "u-1",
                        1_700_000_000_000L);
        ErrorRecord e =
                ErrorRecord.of(
                        in,
                        ErrorCode.INVALID_VALUE,
                        "Field 'amount': 'abc' is not a decimal",
                        1_700_000_000_123L,
                        "errors/format-conversion-failed/");
        assertThat(ErrorRecordJson.toJson(e))
                .isEqualTo(
                        "{\"attemptsMade\":1,\"arrivalTimestamp\":1700000000000,"
                            + "\"errorCode\":\"DataFormatConversion.InvalidValue\",\"errorMessage\":\"Field"
                            + " 'amount': 'abc' is not a decimal\","
                            + "\"attemptEndingTimestamp\":1700000000123,"
                            + "\"rawData\":\"eyJhbW91bnQiOiJhYmMifQ==\","
                            + "\"sequenceNumber\":\"49590338271490256608559692538361571095921575989136588898\","
                            + "\"subSequenceNumber\":0}");
    }
}
