package dev.riffle.testing.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A data file cut off by a stop is put back to its last complete copy; a complete one is kept. */
class PersistedDataTest {
    private static final String COMPLETE =
            "[{\"streamName\":\"a]\\\"{\",\"shards\":[{\"data\":[1,2]}]},{\"streamName\":\"b\"}]";

    @TempDir Path dir;

    @Test
    void aCutOffFileIsRestoredFromTheLastCompleteCopy() throws Exception {
        Path file = dir.resolve("kinesis-data.json");
        PersistedData data = new PersistedData(file, dir.resolve("copy"));
        Files.writeString(file, COMPLETE);
        assertThat(data.keepCopyIfComplete()).isTrue();

        for (int cut = 0; cut < COMPLETE.length(); cut++) {
            Files.writeString(file, COMPLETE.substring(0, cut));
            assertThat(data.keepCopyIfComplete()).as("cut at %s", cut).isFalse();
            assertThat(data.restoreIfCutOff()).as("cut at %s", cut).isTrue();
            assertThat(Files.readString(file)).isEqualTo(COMPLETE);
        }
    }

    @Test
    void aCompleteFileIsLeftAlone() throws Exception {
        Path file = dir.resolve("kinesis-data.json");
        PersistedData data = new PersistedData(file, dir.resolve("copy"));
        Files.writeString(file, "[]");
        assertThat(data.keepCopyIfComplete()).isTrue();
        Files.writeString(file, COMPLETE + "\n");

        assertThat(data.restoreIfCutOff()).isFalse();
        assertThat(Files.readString(file)).isEqualTo(COMPLETE + "\n");
        assertThat(PersistedData.isCompleteJson("[] []".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
    }
}
