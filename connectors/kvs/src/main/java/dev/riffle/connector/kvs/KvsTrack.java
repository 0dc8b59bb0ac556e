package dev.riffle.connector.kvs;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/**
 * One track of a fragment's MKV segment, as its {@code TrackEntry} describes it: number, type,
 * codec and, for video, the resolution or, for audio, the sampling rate and channels. Fields that
 * the segment does not give are 0 (numbers) or null (strings).
 */
@PublicEvolving
public class KvsTrack {
    private long trackNumber;
    private String type;
    private String codecId;
    private String name;
    private int width;
    private int height;
    private double samplingFrequency;
    private int channels;
    private long defaultDurationNanos;

    /** For Flink's POJO serializer. */
    public KvsTrack() {}

    public KvsTrack(
            long trackNumber,
            String type,
            String codecId,
            String name,
            int width,
            int height,
            double samplingFrequency,
            int channels,
            long defaultDurationNanos) {
        this.trackNumber = trackNumber;
        this.type = type;
        this.codecId = codecId;
        this.name = name;
        this.width = width;
        this.height = height;
        this.samplingFrequency = samplingFrequency;
        this.channels = channels;
        this.defaultDurationNanos = defaultDurationNanos;
    }

    public long getTrackNumber() {
        return trackNumber;
    }

    public void setTrackNumber(long trackNumber) {
        this.trackNumber = trackNumber;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getCodecId() {
        return codecId;
    }

    public void setCodecId(String codecId) {
        this.codecId = codecId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public int getWidth() {
        return width;
    }

    public void setWidth(int width) {
        this.width = width;
    }

    public int getHeight() {
        return height;
    }

    public void setHeight(int height) {
        this.height = height;
    }

    public double getSamplingFrequency() {
        return samplingFrequency;
    }

    public void setSamplingFrequency(double samplingFrequency) {
        this.samplingFrequency = samplingFrequency;
    }

    public int getChannels() {
        return channels;
    }

    public void setChannels(int channels) {
        this.channels = channels;
    }

    public long getDefaultDurationNanos() {
        return defaultDurationNanos;
    }

    public void setDefaultDurationNanos(long defaultDurationNanos) {
        this.defaultDurationNanos = defaultDurationNanos;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KvsTrack)) {
            return false;
        }
        KvsTrack t = (KvsTrack) o;
        return trackNumber == t.trackNumber
                && width == t.width
                && height == t.height
                && Double.compare(samplingFrequency, t.samplingFrequency) == 0
                && channels == t.channels
                && defaultDurationNanos == t.defaultDurationNanos
                && Objects.equals(type, t.type)
                && Objects.equals(codecId, t.codecId)
                && Objects.equals(name, t.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trackNumber, type, codecId, width, height);
    }

    @Override
    public String toString() {
        return "KvsTrack{"
                + trackNumber
                + " "
                + type
                + " "
                + codecId
                + (width > 0 ? " " + width + "x" + height : "")
                + (samplingFrequency > 0 ? " " + samplingFrequency + "Hz/" + channels : "")
                + '}';
    }
}
