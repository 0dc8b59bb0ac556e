package dev.riffle.connector.kinesis.sink.internal;

import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sink's checkpoint state is a public contract: the stored bytes of version 1 ({@code
 * src/test/resources/serializer/sink-state-v1.bin}, written once by {@link #main}) must stay
 * readable by every later version.
 */
class KinesisSinkStateSerializerTest {

    /** Buffered entries covering an explicit hash key, a multi-byte key and empty data. */
    static List<KinesisSinkEntry> entries() {
        return List.of(
                new KinesisSinkEntry("{\"id\":1}".getBytes(StandardCharsets.UTF_8), "user-1", null),
                new KinesisSinkEntry(
                        new byte[] {0, 1, 2, (byte) 0xff},
                        "clé-ü",
                        "170141183460469231731687303715884105728"),
                new KinesisSinkEntry(new byte[0], "k", null));
    }

    static BufferedRequestState<KinesisSinkEntry> state() {
        List<RequestEntryWrapper<KinesisSinkEntry>> wrapped = new ArrayList<>();
        for (KinesisSinkEntry e : entries()) {
            wrapped.add(new RequestEntryWrapper<>(e, e.sizeInBytes()));
        }
        return new BufferedRequestState<>(wrapped);
    }

    private static List<KinesisSinkEntry> unwrap(BufferedRequestState<KinesisSinkEntry> s) {
        List<KinesisSinkEntry> out = new ArrayList<>();
        s.getBufferedRequestEntries().forEach(w -> out.add(w.getRequestEntry()));
        return out;
    }

    @Test
    void version1BytesStillReadTheSameEntriesAndSizes() throws IOException {
        BufferedRequestState<KinesisSinkEntry> read =
                new KinesisSinkStateSerializer().deserialize(1, resource("sink-state-v1.bin"));
        assertThat(unwrap(read)).containsExactlyElementsOf(entries());
        assertThat(read.getBufferedRequestEntries())
                .extracting(RequestEntryWrapper::getSize)
                .containsExactly(14L, 11L, 1L);
        assertThat(unwrap(read).get(1).explicitHashKey())
                .isEqualTo("170141183460469231731687303715884105728");
    }

    @Test
    void theCurrentVersionRoundTrips() throws IOException {
        KinesisSinkStateSerializer serializer = new KinesisSinkStateSerializer();
        assertThat(serializer.getVersion()).isEqualTo(1);
        assertThat(unwrap(serializer.deserialize(1, serializer.serialize(state()))))
                .containsExactlyElementsOf(entries());
    }

    @Test
    void anEntryOfAnUnknownFormatIsReportedNotMisread() throws IOException {
        byte[] bytes = resource("sink-state-v1.bin").clone();
        // The first entry's format byte follows the identifier (8), count (4) and size (8).
        bytes[20] = 9;
        assertThatThrownBy(() -> new KinesisSinkStateSerializer().deserialize(1, bytes))
                .isInstanceOf(IOException.class)
                .hasMessage(
                        "Unknown Kinesis sink entry format 9 (this version reads format 1): was"
                                + " the checkpoint written by a newer Riffle?");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in =
                KinesisSinkStateSerializerTest.class.getResourceAsStream("/serializer/" + name)) {
            return in.readAllBytes();
        }
    }

    /** Writes the fixture; run only when adding a new version (old bytes must never change). */
    public static void main(String[] args) throws IOException {
        Path dir = Paths.get("connectors/kinesis/src/test/resources/serializer");
        Files.write(
                dir.resolve("sink-state-v1.bin"),
                new KinesisSinkStateSerializer().serialize(state()));
    }
}
