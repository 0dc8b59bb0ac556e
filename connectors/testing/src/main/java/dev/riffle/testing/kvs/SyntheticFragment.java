package dev.riffle.testing.kvs;

import dev.riffle.testing.kvs.Ebml.Id;

import java.util.Locale;
import java.util.Objects;

/**
 * One Kinesis Video Streams fragment as GetMedia returns it: an EBML header and a segment with
 * segment info, the tracks, the fragment tags ({@code AWS_KINESISVIDEO_FRAGMENT_NUMBER}, {@code
 * _SERVER_TIMESTAMP}, {@code _PRODUCER_TIMESTAMP}), one cluster of H.264-labelled frames (the
 * payload is filler; nothing decodes it) and the trailing tags ({@code _MILLIS_BEHIND_NOW}, {@code
 * _CONTINUATION_TOKEN}). Build one with {@link SyntheticVideo}.
 */
public final class SyntheticFragment {
    private final String fragmentNumber;
    private final long serverTimestampMillis;
    private final long producerTimestampMillis;
    private final long clusterTimecodeMillis;
    private final int frames;
    private final int frameIntervalMillis;
    private final int keyFrameEvery;
    private final int frameBytes;
    private final int width;
    private final int height;
    private final boolean audioTrack;
    private final boolean kvsTags;
    private final boolean unknownSizeCluster;

    SyntheticFragment(
            String fragmentNumber,
            long serverTimestampMillis,
            long producerTimestampMillis,
            long clusterTimecodeMillis,
            int frames,
            int frameIntervalMillis,
            int keyFrameEvery,
            int frameBytes,
            int width,
            int height,
            boolean audioTrack,
            boolean kvsTags,
            boolean unknownSizeCluster) {
        this.fragmentNumber = Objects.requireNonNull(fragmentNumber);
        this.serverTimestampMillis = serverTimestampMillis;
        this.producerTimestampMillis = producerTimestampMillis;
        this.clusterTimecodeMillis = clusterTimecodeMillis;
        this.frames = frames;
        this.frameIntervalMillis = frameIntervalMillis;
        this.keyFrameEvery = keyFrameEvery;
        this.frameBytes = frameBytes;
        this.width = width;
        this.height = height;
        this.audioTrack = audioTrack;
        this.kvsTags = kvsTags;
        this.unknownSizeCluster = unknownSizeCluster;
    }

    public String fragmentNumber() {
        return fragmentNumber;
    }

    public long serverTimestampMillis() {
        return serverTimestampMillis;
    }

    public long producerTimestampMillis() {
        return producerTimestampMillis;
    }

    public int frames() {
        return frames;
    }

    /** Frames at 0, k, 2k, ... are key frames. */
    public int keyFrames() {
        return keyFrameEvery <= 0 ? 0 : (frames + keyFrameEvery - 1) / keyFrameEvery;
    }

    public int frameIntervalMillis() {
        return frameIntervalMillis;
    }

    /** Frame count times the frame interval (the last frame lasts one interval too). */
    public long durationMillis() {
        return (long) frames * frameIntervalMillis;
    }

    public int frameBytes() {
        return frameBytes;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** This fragment as GetMedia sends it; the continuation token is the fragment number. */
    public byte[] toMkv() {
        return toMkv(true);
    }

    /**
     * This fragment's bytes; without the trailing tags when {@code trailingTags} is false (a
     * connection that ended right after the cluster).
     */
    public byte[] toMkv(boolean trailingTags) {
        Ebml out = new Ebml();
        out.master(
                Id.EBML,
                new Ebml()
                        .uint(Id.EBML_VERSION, 1)
                        .uint(Id.EBML_READ_VERSION, 1)
                        .uint(Id.EBML_MAX_ID_LENGTH, 4)
                        .uint(Id.EBML_MAX_SIZE_LENGTH, 8)
                        .string(Id.DOC_TYPE, "matroska")
                        .uint(Id.DOC_TYPE_VERSION, 2)
                        .uint(Id.DOC_TYPE_READ_VERSION, 2));
        out.openUnknownSize(Id.SEGMENT);
        out.master(
                Id.INFO,
                new Ebml()
                        .uint(Id.TIMECODE_SCALE, 1_000_000)
                        .string(Id.MUXING_APP, "riffle-synthetic")
                        .string(Id.WRITING_APP, "riffle-synthetic"));
        out.master(Id.TRACKS, tracks());
        if (kvsTags) {
            out.master(
                    Id.TAGS,
                    new Ebml()
                            .master(
                                    Id.TAG,
                                    new Ebml()
                                            .master(
                                                    Id.SIMPLE_TAG,
                                                    tag(
                                                            "AWS_KINESISVIDEO_FRAGMENT_NUMBER",
                                                            fragmentNumber))
                                            .master(
                                                    Id.SIMPLE_TAG,
                                                    tag(
                                                            "AWS_KINESISVIDEO_SERVER_TIMESTAMP",
                                                            seconds(serverTimestampMillis)))
                                            .master(
                                                    Id.SIMPLE_TAG,
                                                    tag(
                                                            "AWS_KINESISVIDEO_PRODUCER_TIMESTAMP",
                                                            seconds(producerTimestampMillis)))));
        }
        Ebml cluster = new Ebml().uint(Id.TIMECODE, clusterTimecodeMillis);
        for (int i = 0; i < frames; i++) {
            cluster.bytes(Id.SIMPLE_BLOCK, simpleBlock(i));
        }
        if (unknownSizeCluster) {
            out.openUnknownSize(Id.CLUSTER).raw(cluster.toByteArray());
        } else {
            out.master(Id.CLUSTER, cluster);
        }
        if (kvsTags && trailingTags) {
            out.master(
                    Id.TAGS,
                    new Ebml()
                            .master(
                                    Id.TAG,
                                    new Ebml()
                                            .master(
                                                    Id.SIMPLE_TAG,
                                                    tag("AWS_KINESISVIDEO_MILLIS_BEHIND_NOW", "0"))
                                            .master(
                                                    Id.SIMPLE_TAG,
                                                    tag(
                                                            "AWS_KINESISVIDEO_CONTINUATION_TOKEN",
                                                            fragmentNumber))));
        }
        return out.toByteArray();
    }

    /** The tags KVS appends when GetMedia stops on an error. */
    public static byte[] errorTags(int errorId, String errorCode) {
        return new Ebml()
                .master(
                        Id.TAGS,
                        new Ebml()
                                .master(
                                        Id.TAG,
                                        new Ebml()
                                                .master(
                                                        Id.SIMPLE_TAG,
                                                        tag(
                                                                "AWS_KINESISVIDEO_ERROR_CODE",
                                                                errorCode))
                                                .master(
                                                        Id.SIMPLE_TAG,
                                                        tag(
                                                                "AWS_KINESISVIDEO_ERROR_ID",
                                                                Integer.toString(errorId)))))
                .toByteArray();
    }

    private Ebml tracks() {
        Ebml tracks = new Ebml();
        tracks.master(
                Id.TRACK_ENTRY,
                new Ebml()
                        .uint(Id.TRACK_NUMBER, 1)
                        .uint(Id.TRACK_UID, 1)
                        .uint(Id.TRACK_TYPE, 1)
                        .string(Id.NAME, "video")
                        .string(Id.CODEC_ID, "V_MPEG4/ISO/AVC")
                        .uint(Id.DEFAULT_DURATION, frameIntervalMillis * 1_000_000L)
                        .master(
                                Id.VIDEO,
                                new Ebml()
                                        .uint(Id.PIXEL_WIDTH, width)
                                        .uint(Id.PIXEL_HEIGHT, height)));
        if (audioTrack) {
            tracks.master(
                    Id.TRACK_ENTRY,
                    new Ebml()
                            .uint(Id.TRACK_NUMBER, 2)
                            .uint(Id.TRACK_UID, 2)
                            .uint(Id.TRACK_TYPE, 2)
                            .string(Id.NAME, "audio")
                            .string(Id.CODEC_ID, "A_AAC")
                            .master(
                                    Id.AUDIO,
                                    new Ebml()
                                            .floating(Id.SAMPLING_FREQUENCY, 48_000.0)
                                            .uint(Id.CHANNELS, 2)));
        }
        return tracks;
    }

    private byte[] simpleBlock(int frame) {
        byte[] block = new byte[4 + frameBytes];
        int relative = frame * frameIntervalMillis;
        block[0] = (byte) 0x81; // track 1 as a one-byte EBML number
        block[1] = (byte) (relative >>> 8);
        block[2] = (byte) relative;
        boolean key = keyFrameEvery > 0 && frame % keyFrameEvery == 0;
        block[3] = (byte) (key ? 0x80 : 0x00);
        for (int i = 4; i < block.length; i++) {
            block[i] = (byte) (frame + i);
        }
        return block;
    }

    private static Ebml tag(String name, String value) {
        return new Ebml().string(Id.TAG_NAME, name).string(Id.TAG_STRING, value);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
    }

    @Override
    public String toString() {
        return "SyntheticFragment{"
                + fragmentNumber
                + ", producer="
                + producerTimestampMillis
                + ", frames="
                + frames
                + '}';
    }
}
