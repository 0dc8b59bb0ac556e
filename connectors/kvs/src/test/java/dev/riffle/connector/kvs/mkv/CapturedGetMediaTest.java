package dev.riffle.connector.kvs.mkv;

import dev.riffle.connector.kvs.KvsFragment;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real GetMedia captures, which are not in the repository: the folder is named by the system
 * property {@code riffle.kvs.captures} (default: {@code ../shared/datasets/kvs} beside the
 * repository). Skipped when it is absent.
 */
class CapturedGetMediaTest {

    private static Path captures() {
        String configured = System.getProperty("riffle.kvs.captures");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        String root = System.getProperty("riffle.repo.root", ".");
        return Paths.get(root).resolve("../shared/datasets/kvs").normalize();
    }

    private static byte[] capture(String name) throws IOException {
        Path file = captures().resolve(name);
        assumeTrue(Files.isReadable(file), "KVS captures not present at " + file);
        return Files.readAllBytes(file);
    }

    @Test
    void outputGetMediaHasFiveFragmentsOfSixtyFrames() throws IOException {
        List<KvsFragment> fragments =
                FragmentReaderTest.readAll(
                        capture("output_get_media.mkv"), FragmentReader.Mode.LIVE, false);

        assertThat(fragments).hasSize(5);
        assertThat(fragments).allSatisfy(f -> assertThat(f.getFrameCount()).isEqualTo(60));
        KvsFragment first = fragments.get(0);
        assertThat(first.getFragmentNumber())
                .isEqualTo("91343852333181432392682062607743920146159169392");
        assertThat(first.getServerTimestampMillis()).isEqualTo(1511852109126L);
        assertThat(first.getProducerTimestampMillis()).isEqualTo(1511852108513L);
        assertThat(first.getDurationMillis()).isEqualTo(2000);
        assertThat(first.getContinuationToken()).isEqualTo(first.getFragmentNumber());
        assertThat(first.videoTrack().getCodecId()).isEqualTo("V_MPEG4/ISO/AVC");
        assertThat(first.videoTrack().getWidth()).isEqualTo(640);
        assertThat(first.videoTrack().getHeight()).isEqualTo(360);
        assertThat(fragments)
                .extracting(KvsFragment::getFragmentNumber)
                .doesNotHaveDuplicates()
                .isSortedAccordingTo(
                        (a, b) ->
                                new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b)));
    }

    @Test
    void mixedTagsCaptureHasTenFragmentsOfTenFrames() throws IOException {
        List<KvsFragment> fragments =
                FragmentReaderTest.readAll(
                        capture("test_mixed_tags.mkv"), FragmentReader.Mode.LIVE, true);

        assertThat(fragments).hasSize(10);
        assertThat(fragments).allSatisfy(f -> assertThat(f.getFrameCount()).isEqualTo(10));
        assertThat(fragments.get(0).getFragmentNumber())
                .isEqualTo("91343852333713038908964877623801423530396737899");
        assertThat(fragments.get(0).getServerTimestampMillis()).isEqualTo(1537574915281L);
        assertThat(fragments.get(0).videoTrack().getWidth()).isEqualTo(640);
        assertThat(fragments.get(0).getFrames()[1].getTimecodeMillis()).isEqualTo(500);
    }
}
