package dev.riffle.connector.kvs;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/**
 * Metadata of one frame (an MKV block) of a fragment; the payload is never decoded or kept. Emitted
 * inside {@link KvsFragment#getFrames()} when the source is built with frames enabled.
 */
@PublicEvolving
public class KvsFrame {
    private long trackNumber;
    private long timecodeMillis;
    private long offsetMillis;
    private int size;
    private boolean keyFrame;

    /** For Flink's POJO serializer. */
    public KvsFrame() {}

    public KvsFrame(
            long trackNumber, long timecodeMillis, long offsetMillis, int size, boolean keyFrame) {
        this.trackNumber = trackNumber;
        this.timecodeMillis = timecodeMillis;
        this.offsetMillis = offsetMillis;
        this.size = size;
        this.keyFrame = keyFrame;
    }

    public long getTrackNumber() {
        return trackNumber;
    }

    public void setTrackNumber(long trackNumber) {
        this.trackNumber = trackNumber;
    }

    /** The MKV timecode (cluster timecode plus block offset), in milliseconds. */
    public long getTimecodeMillis() {
        return timecodeMillis;
    }

    public void setTimecodeMillis(long timecodeMillis) {
        this.timecodeMillis = timecodeMillis;
    }

    /**
     * Milliseconds from the fragment's first frame to this one; add it to the fragment's producer
     * timestamp for the frame's producer time (what Rekognition calls the frame offset).
     */
    public long getOffsetMillis() {
        return offsetMillis;
    }

    public void setOffsetMillis(long offsetMillis) {
        this.offsetMillis = offsetMillis;
    }

    /** Payload bytes (without the block header). */
    public int getSize() {
        return size;
    }

    public void setSize(int size) {
        this.size = size;
    }

    public boolean isKeyFrame() {
        return keyFrame;
    }

    public void setKeyFrame(boolean keyFrame) {
        this.keyFrame = keyFrame;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KvsFrame)) {
            return false;
        }
        KvsFrame f = (KvsFrame) o;
        return trackNumber == f.trackNumber
                && timecodeMillis == f.timecodeMillis
                && offsetMillis == f.offsetMillis
                && size == f.size
                && keyFrame == f.keyFrame;
    }

    @Override
    public int hashCode() {
        return Objects.hash(trackNumber, timecodeMillis, size, keyFrame);
    }

    @Override
    public String toString() {
        return "KvsFrame{track="
                + trackNumber
                + ", tc="
                + timecodeMillis
                + ", size="
                + size
                + (keyFrame ? ", key" : "")
                + '}';
    }
}
