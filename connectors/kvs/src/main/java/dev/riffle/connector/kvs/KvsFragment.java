package dev.riffle.connector.kvs;

import org.apache.flink.annotation.PublicEvolving;

import javax.annotation.Nullable;

import java.util.Arrays;
import java.util.Objects;

/**
 * Metadata of one Kinesis Video Streams fragment (one MKV cluster and the segment header before
 * it), as the KVS source emits it. Nothing is decoded; the media bytes are not kept.
 *
 * <p>The KVS fields ({@link #getFragmentNumber()}, the server and producer timestamps, {@link
 * #getMillisBehindNow()}, {@link #getContinuationToken()}) come from the {@code AWS_KINESISVIDEO_*}
 * tags GetMedia adds; they are null for an MKV file written without them. Timestamps are epoch
 * milliseconds.
 *
 * <p>{@link #getDurationMillis()} is the time from the first frame to the end of the last one: the
 * span of the frame timecodes plus the last frame's duration (its track's default duration when the
 * track gives one, else the mean frame interval).
 */
@PublicEvolving
public class KvsFragment {
    private String stream;
    @Nullable private String fragmentNumber;
    @Nullable private Long serverTimestampMillis;
    @Nullable private Long producerTimestampMillis;
    private long timecodeMillis;
    private long durationMillis;
    private int frameCount;
    private int keyFrameCount;
    private long bytes;
    @Nullable private Long millisBehindNow;
    @Nullable private String continuationToken;
    private KvsTrack[] tracks = new KvsTrack[0];
    private KvsFrame[] frames = new KvsFrame[0];

    /** For Flink's POJO serializer. */
    public KvsFragment() {}

    /** The stream ARN or name this fragment was read from, or the file path in bounded mode. */
    public String getStream() {
        return stream;
    }

    public void setStream(String stream) {
        this.stream = stream;
    }

    @Nullable
    public String getFragmentNumber() {
        return fragmentNumber;
    }

    public void setFragmentNumber(@Nullable String fragmentNumber) {
        this.fragmentNumber = fragmentNumber;
    }

    /** When KVS received the fragment. */
    @Nullable
    public Long getServerTimestampMillis() {
        return serverTimestampMillis;
    }

    public void setServerTimestampMillis(@Nullable Long serverTimestampMillis) {
        this.serverTimestampMillis = serverTimestampMillis;
    }

    /** When the producer (camera) recorded the fragment's first frame. */
    @Nullable
    public Long getProducerTimestampMillis() {
        return producerTimestampMillis;
    }

    public void setProducerTimestampMillis(@Nullable Long producerTimestampMillis) {
        this.producerTimestampMillis = producerTimestampMillis;
    }

    /** MKV timecode of the fragment's first frame, in milliseconds. */
    public long getTimecodeMillis() {
        return timecodeMillis;
    }

    public void setTimecodeMillis(long timecodeMillis) {
        this.timecodeMillis = timecodeMillis;
    }

    public long getDurationMillis() {
        return durationMillis;
    }

    public void setDurationMillis(long durationMillis) {
        this.durationMillis = durationMillis;
    }

    /** Frames (MKV blocks) of every track. */
    public int getFrameCount() {
        return frameCount;
    }

    public void setFrameCount(int frameCount) {
        this.frameCount = frameCount;
    }

    public int getKeyFrameCount() {
        return keyFrameCount;
    }

    public void setKeyFrameCount(int keyFrameCount) {
        this.keyFrameCount = keyFrameCount;
    }

    /** Size of the fragment's cluster (its frames with their headers), in bytes. */
    public long getBytes() {
        return bytes;
    }

    public void setBytes(long bytes) {
        this.bytes = bytes;
    }

    /** How far behind the newest fragment of the stream this one was when it was sent. */
    @Nullable
    public Long getMillisBehindNow() {
        return millisBehindNow;
    }

    public void setMillisBehindNow(@Nullable Long millisBehindNow) {
        this.millisBehindNow = millisBehindNow;
    }

    /** The token GetMedia sent after this fragment; a GetMedia with it continues after it. */
    @Nullable
    public String getContinuationToken() {
        return continuationToken;
    }

    public void setContinuationToken(@Nullable String continuationToken) {
        this.continuationToken = continuationToken;
    }

    public KvsTrack[] getTracks() {
        return tracks;
    }

    public void setTracks(KvsTrack[] tracks) {
        this.tracks = tracks == null ? new KvsTrack[0] : tracks;
    }

    /** Frame metadata, in stream order; empty unless the source was built with frames. */
    public KvsFrame[] getFrames() {
        return frames;
    }

    public void setFrames(KvsFrame[] frames) {
        this.frames = frames == null ? new KvsFrame[0] : frames;
    }

    /** The producer timestamp, else the server timestamp, else the MKV timecode. */
    public long eventTimeMillis() {
        if (producerTimestampMillis != null) {
            return producerTimestampMillis;
        }
        return serverTimestampMillis != null ? serverTimestampMillis : timecodeMillis;
    }

    /** The first video track, if any. */
    @Nullable
    public KvsTrack videoTrack() {
        for (KvsTrack t : tracks) {
            if ("video".equals(t.getType())) {
                return t;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KvsFragment)) {
            return false;
        }
        KvsFragment f = (KvsFragment) o;
        return timecodeMillis == f.timecodeMillis
                && durationMillis == f.durationMillis
                && frameCount == f.frameCount
                && keyFrameCount == f.keyFrameCount
                && bytes == f.bytes
                && Objects.equals(stream, f.stream)
                && Objects.equals(fragmentNumber, f.fragmentNumber)
                && Objects.equals(serverTimestampMillis, f.serverTimestampMillis)
                && Objects.equals(producerTimestampMillis, f.producerTimestampMillis)
                && Objects.equals(millisBehindNow, f.millisBehindNow)
                && Objects.equals(continuationToken, f.continuationToken)
                && Arrays.equals(tracks, f.tracks)
                && Arrays.equals(frames, f.frames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, fragmentNumber, producerTimestampMillis, frameCount, bytes);
    }

    @Override
    public String toString() {
        return "KvsFragment{"
                + stream
                + " #"
                + fragmentNumber
                + ", producer="
                + producerTimestampMillis
                + ", server="
                + serverTimestampMillis
                + ", frames="
                + frameCount
                + ", duration="
                + durationMillis
                + "ms, bytes="
                + bytes
                + '}';
    }
}
