package dev.riffle.connector.kinesis.source.split;

import dev.riffle.connector.kinesis.source.enumerator.KinesisEnumeratorStateSerializer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checkpoints are a public contract: the version-1 bytes stored in {@code
 * src/test/resources/serializer} (written once by {@link SerializerFixtures#main}) must stay
 * readable by every later build.
 */
class KinesisShardSplitSerializerTest {

    private final KinesisShardSplitSerializer splits = new KinesisShardSplitSerializer();
    private final KinesisEnumeratorStateSerializer states = new KinesisEnumeratorStateSerializer();

    @Test
    void storedVersion1SplitsAreRead() throws IOException {
        List<KinesisShardSplit> expected = SerializerFixtures.splits();
        for (int i = 0; i < expected.size(); i++) {
            assertThat(splits.deserialize(1, resource("split-v1-" + i + ".bin")))
                    .isEqualTo(expected.get(i));
        }
    }

    @Test
    void storedVersion1EnumeratorStateIsRead() throws IOException {
        assertThat(states.deserialize(1, resource("enumerator-state-v1.bin")))
                .isEqualTo(SerializerFixtures.enumeratorState());
    }

    @Test
    void everySplitRoundTrips() throws IOException {
        for (KinesisShardSplit split : SerializerFixtures.splits()) {
            assertThat(splits.deserialize(splits.getVersion(), splits.serialize(split)))
                    .isEqualTo(split);
        }
        assertThat(
                        states.deserialize(
                                states.getVersion(),
                                states.serialize(SerializerFixtures.enumeratorState())))
                .isEqualTo(SerializerFixtures.enumeratorState());
    }

    @Test
    void anUnknownVersionIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> splits.deserialize(99, new byte[0]))
                .hasMessage(
                        "Unknown Kinesis shard split version 99; this build reads versions up to"
                                + " 1");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in =
                KinesisShardSplitSerializerTest.class.getResourceAsStream("/serializer/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return in.readAllBytes();
        }
    }
}
