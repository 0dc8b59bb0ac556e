package dev.riffle.connector.kvs.mkv;

import dev.riffle.connector.kvs.KvsFragment;
import dev.riffle.connector.kvs.KvsFrame;
import dev.riffle.connector.kvs.KvsTrack;
import dev.riffle.testing.kvs.SyntheticFragment;
import dev.riffle.testing.kvs.SyntheticVideo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FragmentReaderTest {

    private static final SyntheticVideo VIDEO =
            SyntheticVideo.builder()
                    .fragments(4)
                    .framesPerFragment(12)
                    .frameIntervalMillis(40)
                    .keyFrameEvery(6)
                    .frameBytes(100)
                    .resolution(1280, 720)
                    .audioTrack(true)
                    .build();

    @Test
    void readsEveryFragmentWithItsKvsMetadataTracksAndCounts() throws IOException {
        List<KvsFragment> fragments = readAll(VIDEO.mkv(), FragmentReader.Mode.LIVE, false);

        assertThat(fragments).hasSize(4);
        for (int i = 0; i < 4; i++) {
            SyntheticFragment expected = VIDEO.fragments().get(i);
            KvsFragment f = fragments.get(i);
            assertThat(f.getStream()).isEqualTo("camera");
            assertThat(f.getFragmentNumber()).isEqualTo(expected.fragmentNumber());
            assertThat(f.getServerTimestampMillis()).isEqualTo(expected.serverTimestampMillis());
            assertThat(f.getProducerTimestampMillis())
                    .isEqualTo(expected.producerTimestampMillis());
            assertThat(f.getFrameCount()).isEqualTo(12);
            assertThat(f.getKeyFrameCount()).isEqualTo(2);
            assertThat(f.getDurationMillis()).isEqualTo(480);
            assertThat(f.getTimecodeMillis()).isEqualTo(i * 480L);
            assertThat(f.getContinuationToken()).isEqualTo(expected.fragmentNumber());
            assertThat(f.getMillisBehindNow()).isZero();
            // Cluster header (12) + timecode element (9 + 1 or 2) + 12 blocks of (9 + 4 + 100).
            assertThat(f.getBytes()).isEqualTo(12 + (i == 0 ? 10 : 11) + 12 * (9 + 4 + 100));
            assertThat(f.getFrames()).isEmpty();
            assertThat(f.getTracks())
                    .containsExactly(
                            new KvsTrack(
                                    1,
                                    "video",
                                    "V_MPEG4/ISO/AVC",
                                    "video",
                                    1280,
                                    720,
                                    0,
                                    0,
                                    40_000_000L),
                            new KvsTrack(2, "audio", "A_AAC", "audio", 0, 0, 48_000.0, 2, 0));
        }
    }

    @Test
    void framesCarryTimecodeOffsetSizeAndKeyFlag() throws IOException {
        KvsFragment second = readAll(VIDEO.mkv(), FragmentReader.Mode.LIVE, true).get(1);

        assertThat(second.getFrames()).hasSize(12);
        assertThat(second.getFrames()[0]).isEqualTo(new KvsFrame(1, 480, 0, 100, true));
        assertThat(second.getFrames()[5]).isEqualTo(new KvsFrame(1, 680, 200, 100, false));
        assertThat(second.getFrames()[6]).isEqualTo(new KvsFrame(1, 720, 240, 100, true));
        assertThat(Arrays.stream(second.getFrames()).filter(KvsFrame::isKeyFrame)).hasSize(2);
    }

    @Test
    void readsPlainMkvWithSizedClustersAndNoKvsTags() throws IOException {
        SyntheticVideo plain =
                SyntheticVideo.builder()
                        .fragments(3)
                        .framesPerFragment(5)
                        .kvsTags(false)
                        .unknownSizeClusters(false)
                        .build();

        List<KvsFragment> fragments = readAll(plain.mkv(), FragmentReader.Mode.FILE, false);

        assertThat(fragments).hasSize(3);
        assertThat(fragments)
                .allSatisfy(
                        f -> {
                            assertThat(f.getFragmentNumber()).isNull();
                            assertThat(f.getProducerTimestampMillis()).isNull();
                            assertThat(f.getFrameCount()).isEqualTo(5);
                        });
        assertThat(fragments.get(2).eventTimeMillis()).isEqualTo(1000);
    }

    @Test
    void liveConnectionCutInsideAFrameReturnsOnlyTheCompleteFragmentsThenSaysTruncated()
            throws IOException {
        byte[] all = VIDEO.mkv();
        int cut =
                VIDEO.fragments().get(0).toMkv().length
                        + VIDEO.fragments().get(1).toMkv().length
                        - 300; // inside fragment 2's last frames

        FragmentReader reader = reader(Arrays.copyOf(all, cut), FragmentReader.Mode.LIVE);

        assertThat(reader.next().map(KvsFragment::getFragmentNumber))
                .contains(VIDEO.fragments().get(0).fragmentNumber());
        assertThatThrownBy(reader::next)
                .isInstanceOf(TruncatedMediaException.class)
                .hasMessageContaining("after " + cut + " bytes");
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void liveConnectionEndingRightAfterAClusterDoesNotCompleteIt() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(VIDEO.fragments().get(0).toMkv());
        bytes.writeBytes(VIDEO.fragments().get(1).toMkv(false)); // no trailing tags

        List<String> live = numbers(bytes.toByteArray(), FragmentReader.Mode.LIVE);
        List<String> file = numbers(bytes.toByteArray(), FragmentReader.Mode.FILE);

        assertThat(live).containsExactly(VIDEO.fragments().get(0).fragmentNumber());
        assertThat(file)
                .containsExactly(
                        VIDEO.fragments().get(0).fragmentNumber(),
                        VIDEO.fragments().get(1).fragmentNumber());
    }

    @Test
    void fileEndingInsideAFrameKeepsTheFragmentsBeforeIt() throws IOException {
        byte[] all = VIDEO.mkv();
        int cut = all.length - 300; // inside the last fragment's last frames

        FragmentReader reader = reader(Arrays.copyOf(all, cut), FragmentReader.Mode.FILE);
        List<String> numbers = new ArrayList<>();
        assertThatThrownBy(
                        () -> {
                            for (Optional<KvsFragment> f = reader.next();
                                    f.isPresent();
                                    f = reader.next()) {
                                numbers.add(f.get().getFragmentNumber());
                            }
                        })
                .isInstanceOf(TruncatedMediaException.class)
                .hasMessageContaining("ended inside an element");
        assertThat(numbers).hasSize(3);
    }

    @Test
    void errorTagsEndTheStreamAfterTheFragmentsBeforeThem() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(VIDEO.fragments().get(0).toMkv());
        bytes.writeBytes(SyntheticFragment.errorTags(4000, "FRAGMENT_NOT_FOUND"));

        FragmentReader reader = reader(bytes.toByteArray(), FragmentReader.Mode.LIVE);

        assertThat(reader.next()).isPresent();
        assertThatThrownBy(reader::next)
                .isInstanceOfSatisfying(
                        KvsMediaErrorException.class,
                        e -> {
                            assertThat(e.errorId()).isEqualTo(4000);
                            assertThat(e.errorCode()).isEqualTo("FRAGMENT_NOT_FOUND");
                        });
    }

    @Test
    void bytesThatAreNotMkvAreReportedNotReturned() {
        byte[] junk = new byte[4096];
        Arrays.fill(junk, (byte) 0x42);
        FragmentReader reader = reader(junk, FragmentReader.Mode.FILE);

        assertThatThrownBy(
                        () -> {
                            while (reader.next().isPresent()) {
                                // drain
                            }
                        })
                .isInstanceOf(TruncatedMediaException.class);
    }

    @Test
    void slowStreamsDeliveringOneByteAtATimeParseTheSame() throws IOException {
        InputStream trickle =
                new ByteArrayInputStream(VIDEO.mkv()) {
                    @Override
                    public synchronized int read(byte[] b, int off, int len) {
                        return super.read(b, off, Math.min(len, 1));
                    }

                    @Override
                    public synchronized int available() {
                        return 0; // like a socket with nothing buffered
                    }
                };
        FragmentReader reader =
                new FragmentReader(trickle, "camera", FragmentReader.Mode.LIVE, false);
        List<String> numbers = new ArrayList<>();
        for (Optional<KvsFragment> f = reader.next(); f.isPresent(); f = reader.next()) {
            numbers.add(f.get().getFragmentNumber());
        }
        assertThat(numbers).hasSize(4);
        assertThat(reader.bytesRead()).isEqualTo(VIDEO.mkv().length);
    }

    static List<KvsFragment> readAll(byte[] mkv, FragmentReader.Mode mode, boolean frames)
            throws IOException {
        List<KvsFragment> out = new ArrayList<>();
        try (FragmentReader reader =
                new FragmentReader(new ByteArrayInputStream(mkv), "camera", mode, frames)) {
            for (Optional<KvsFragment> f = reader.next(); f.isPresent(); f = reader.next()) {
                out.add(f.get());
            }
        }
        return out;
    }

    private static List<String> numbers(byte[] mkv, FragmentReader.Mode mode) throws IOException {
        List<String> out = new ArrayList<>();
        FragmentReader reader = reader(mkv, mode);
        try {
            for (Optional<KvsFragment> f = reader.next(); f.isPresent(); f = reader.next()) {
                out.add(f.get().getFragmentNumber());
            }
        } catch (TruncatedMediaException expected) {
            // LIVE: the open fragment is reported, not returned
        }
        return out;
    }

    private static FragmentReader reader(byte[] mkv, FragmentReader.Mode mode) {
        return new FragmentReader(new ByteArrayInputStream(mkv), "camera", mode, false);
    }
}
