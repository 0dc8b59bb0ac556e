package dev.riffle.connector.kinesis.source.reader.internal;

import dev.riffle.connector.kinesis.source.testutil.KplAggregates;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KplDeaggregatorTest {

    private final KplDeaggregator deaggregator = new KplDeaggregator();

    private static Record record(byte[] data) {
        return Record.builder()
                .data(SdkBytes.fromByteArray(data))
                .partitionKey("outer")
                .sequenceNumber("49590338271490256608559692538361571095921575989136588898")
                .approximateArrivalTimestamp(Instant.ofEpochSecond(1_700_000_000))
                .build();
    }

    private List<FetchedRecord> decode(byte[] data) {
        List<FetchedRecord> out = new ArrayList<>();
        deaggregator.deaggregate(record(data), out);
        return out;
    }

    @Test
    void anAggregateYieldsItsUserRecordsWithSubSequenceNumbers() {
        byte[] agg =
                KplAggregates.aggregate(
                        List.of(
                                new String[] {"user-1", "a"},
                                new String[] {"user-2", "b"},
                                new String[] {"user-1", "c"}));

        List<FetchedRecord> out = decode(agg);

        assertThat(out)
                .extracting(r -> new String(r.data, StandardCharsets.UTF_8))
                .containsExactly("a", "b", "c");
        assertThat(out)
                .extracting(r -> r.partitionKey)
                .containsExactly("user-1", "user-2", "user-1");
        assertThat(out).extracting(r -> r.subSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(out).extracting(r -> r.lastOfSequenceNumber).containsExactly(false, false, true);
        assertThat(out).allMatch(r -> !r.isCorrupt());
    }

    @Test
    void aPlainRecordIsPassedThrough() {
        List<FetchedRecord> out = decode("{\"id\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(out)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.subSequenceNumber).isEqualTo(-1);
                            assertThat(r.partitionKey).isEqualTo("outer");
                            assertThat(r.isCorrupt()).isFalse();
                        });
    }

    @Test
    void aWrongChecksumIsReportedAsOneCorruptRecordWithTheRawBytes() {
        byte[] agg = KplAggregates.aggregate(List.<String[]>of(new String[] {"k", "payload"}));
        agg[agg.length - 1] ^= 1;

        List<FetchedRecord> out = decode(agg);

        assertThat(out)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.corruption())
                                    .isEqualTo("KPL aggregate checksum (MD5) does not match");
                            assertThat(r.data).isEqualTo(agg);
                        });
    }

    @Test
    void aTruncatedProtobufWithAMatchingChecksumIsReportedAsCorrupt() throws Exception {
        byte[] agg = KplAggregates.aggregate(List.<String[]>of(new String[] {"k", "payload"}));
        // Cut the protobuf short but keep the checksum consistent with what remains.
        byte[] body = Arrays.copyOfRange(agg, 4, agg.length - 16 - 3);
        byte[] md5 = java.security.MessageDigest.getInstance("MD5").digest(body);
        byte[] broken = new byte[4 + body.length + 16];
        System.arraycopy(agg, 0, broken, 0, 4);
        System.arraycopy(body, 0, broken, 4, body.length);
        System.arraycopy(md5, 0, broken, 4 + body.length, 16);

        assertThat(decode(broken))
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.corruption())
                                        .startsWith("KPL aggregate protobuf is malformed"));
    }
}
