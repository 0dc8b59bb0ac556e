package dev.riffle.connector.kvs.split;

import dev.riffle.connector.kvs.KvsFragment;
import dev.riffle.connector.kvs.StartSelector;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KvsSplitSerializerTest {
    private static final String ARN =
            "arn:aws:kinesisvideo:us-east-1:000000000000:stream/door/1700000000000";
    private static final String FRAGMENT = "91343852333181432392682062607743920146159169392";

    /**
     * Bytes written by version 1 (Riffle 0.1). Checkpoints taken by that version must restore
     * forever: never change these, add a constant per new version instead.
     */
    private static final String V1_STREAM =
            "AABFYXJuOmF3czpraW5lc2lzdmlkZW86dXMtZWFzdC0xOjAwMDAwMDAwMDAwMDpzdHJlYW0vZG9vci8xNzAw"
                + "MDAwMDAwMDAwABJQUk9EVUNFUl9USU1FU1RBTVABAA0xNzAwMDAwMDAwMDAwAQAvOTEzNDM4NTIz"
                + "MzMxODE0MzIzOTI2ODIwNjI2MDc3NDM5MjAxNDYxNTkxNjkzOTIBAAABi8/la+gBAAABi8/lbOIB"
                + "AC85MTM0Mzg1MjMzMzE4MTQzMjM5MjY4MjA2MjYwNzc0MzkyMDE0NjE1OTE2OTM5MgAAAAAAAAAH";

    private static final String V1_FILE =
            "AQAQL2RhdGEvY2FtZXJhLm1rdgAIRUFSTElFU1QAAAAAAAAAAAAAAAAA";

    @Test
    void readsVersionOneBytes() throws IOException {
        KvsSplit stream =
                KvsSplitSerializer.INSTANCE.deserialize(1, Base64.getDecoder().decode(V1_STREAM));
        KvsSplit file =
                KvsSplitSerializer.INSTANCE.deserialize(1, Base64.getDecoder().decode(V1_FILE));

        assertThat(stream)
                .isEqualTo(
                        new KvsSplit(
                                KvsSplit.Kind.STREAM,
                                ARN,
                                StartSelector.producerTimestamp(1700000000000L),
                                FRAGMENT,
                                1700000001000L,
                                1700000001250L,
                                FRAGMENT,
                                7));
        assertThat(stream.resumeSelector()).isEqualTo(StartSelector.continuationToken(FRAGMENT));
        assertThat(file).isEqualTo(KvsSplit.file("/data/camera.mkv"));
    }

    @Test
    void roundTripsFreshAndProgressedSplits() throws IOException {
        KvsSplit fresh = KvsSplit.stream("door", StartSelector.fragmentNumber(FRAGMENT));
        KvsFragment fragment = new KvsFragment();
        fragment.setFragmentNumber("91343852333181432397633822764885441725874549018");
        fragment.setProducerTimestampMillis(1700000002000L);
        KvsSplit progressed = fresh.after(fragment);

        for (KvsSplit split : new KvsSplit[] {fresh, progressed}) {
            byte[] bytes = KvsSplitSerializer.INSTANCE.serialize(split);
            assertThat(KvsSplitSerializer.INSTANCE.deserialize(1, bytes)).isEqualTo(split);
        }
        assertThat(progressed.resumeSelector())
                .as("without a continuation token, resume by fragment number")
                .isEqualTo(
                        StartSelector.fragmentNumber(
                                "91343852333181432397633822764885441725874549018"));
        assertThat(progressed.fragmentsRead()).isEqualTo(1);
    }

    @Test
    void refusesUnknownVersions() {
        assertThatThrownBy(() -> KvsSplitSerializer.INSTANCE.deserialize(2, new byte[0]))
                .hasMessageContaining("Unknown KVS split serializer version 2");
    }

    @Test
    void fragmentsAreAfterTheLastOnlyWhenTheirNumberIsGreater() {
        KvsSplit split =
                new KvsSplit(
                        KvsSplit.Kind.STREAM,
                        ARN,
                        StartSelector.now(),
                        FRAGMENT,
                        null,
                        null,
                        null,
                        1);
        assertThat(split.isAfterLast(FRAGMENT)).isFalse();
        assertThat(split.isAfterLast("91343852333181432392682062607743920146159169391")).isFalse();
        assertThat(split.isAfterLast("91343852333181432392682062607743920146159169393")).isTrue();
        assertThat(KvsSplit.stream(ARN, StartSelector.now()).isAfterLast(FRAGMENT)).isTrue();
    }
}
