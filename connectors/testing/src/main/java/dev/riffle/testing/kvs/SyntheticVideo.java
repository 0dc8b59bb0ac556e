package dev.riffle.testing.kvs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A camera's worth of synthetic KVS fragments, written as GetMedia would return them. Tests and the
 * demo use it instead of real captures (and instead of ffmpeg, which CI does not have).
 *
 * <pre>{@code
 * SyntheticVideo video = SyntheticVideo.builder().fragments(5).framesPerFragment(20).build();
 * Path mkv = video.writeTo(dir.resolve("camera.mkv"));
 * video.fragments().get(2).fragmentNumber(); // what a parser must report for the third one
 * }</pre>
 *
 * Fragment numbers are 47-digit decimals that increase like KVS's own; consecutive fragments follow
 * each other without gaps in producer time.
 */
public final class SyntheticVideo {
    /** A real KVS fragment number, and the step between two consecutive ones on that stream. */
    private static final BigInteger FIRST_FRAGMENT =
            new BigInteger("91343852333181432392682062607743920146159169392");

    private static final BigInteger FRAGMENT_STEP = new BigInteger("4951760157141521579715379626");

    private final List<SyntheticFragment> fragments;

    private SyntheticVideo(List<SyntheticFragment> fragments) {
        this.fragments = Collections.unmodifiableList(fragments);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<SyntheticFragment> fragments() {
        return fragments;
    }

    /** All fragments back to back, as one GetMedia response from EARLIEST would carry them. */
    public byte[] mkv() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fragments.forEach(f -> out.writeBytes(f.toMkv()));
        return out.toByteArray();
    }

    public Path writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, mkv());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    /** The fragment number at position {@code index} of a synthetic stream. */
    public static String fragmentNumber(long index) {
        return FIRST_FRAGMENT.add(FRAGMENT_STEP.multiply(BigInteger.valueOf(index))).toString();
    }

    /** Builds a {@link SyntheticVideo}; every setting has a small default. */
    public static final class Builder {
        private int fragments = 3;
        private int framesPerFragment = 10;
        private int frameIntervalMillis = 100;
        private int keyFrameEvery = 5;
        private int frameBytes = 64;
        private int width = 640;
        private int height = 360;
        private long startProducerMillis = 1_700_000_000_000L;
        private long ingestDelayMillis = 250;
        private long firstFragmentIndex = 0;
        private boolean audioTrack = false;
        private boolean kvsTags = true;
        private boolean unknownSizeClusters = true;

        private Builder() {}

        public Builder fragments(int fragments) {
            this.fragments = fragments;
            return this;
        }

        public Builder framesPerFragment(int frames) {
            this.framesPerFragment = frames;
            return this;
        }

        public Builder frameIntervalMillis(int millis) {
            this.frameIntervalMillis = millis;
            return this;
        }

        /** Every k-th frame is a key frame, starting with the first; 0 for none. */
        public Builder keyFrameEvery(int k) {
            this.keyFrameEvery = k;
            return this;
        }

        public Builder frameBytes(int bytes) {
            this.frameBytes = bytes;
            return this;
        }

        public Builder resolution(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        /** Producer timestamp of the first fragment, epoch millis. */
        public Builder startProducerMillis(long millis) {
            this.startProducerMillis = millis;
            return this;
        }

        /** Server timestamp minus producer timestamp of each fragment. */
        public Builder ingestDelayMillis(long millis) {
            this.ingestDelayMillis = millis;
            return this;
        }

        /** Where this video's fragment numbers start in the synthetic numbering. */
        public Builder firstFragmentIndex(long index) {
            this.firstFragmentIndex = index;
            return this;
        }

        public Builder audioTrack(boolean audio) {
            this.audioTrack = audio;
            return this;
        }

        /** Without KVS tags the file is a plain MKV, as a camera or an encoder writes it. */
        public Builder kvsTags(boolean tags) {
            this.kvsTags = tags;
            return this;
        }

        /** Unknown-size clusters as GetMedia sends them (default), or sized ones as files have. */
        public Builder unknownSizeClusters(boolean unknown) {
            this.unknownSizeClusters = unknown;
            return this;
        }

        public SyntheticVideo build() {
            List<SyntheticFragment> list = new ArrayList<>();
            long fragmentMillis = (long) framesPerFragment * frameIntervalMillis;
            for (int i = 0; i < fragments; i++) {
                long producer = startProducerMillis + i * fragmentMillis;
                list.add(
                        new SyntheticFragment(
                                fragmentNumber(firstFragmentIndex + i),
                                producer + ingestDelayMillis,
                                producer,
                                i * fragmentMillis,
                                framesPerFragment,
                                frameIntervalMillis,
                                keyFrameEvery,
                                frameBytes,
                                width,
                                height,
                                audioTrack,
                                kvsTags,
                                unknownSizeClusters));
            }
            return new SyntheticVideo(list);
        }
    }
}
