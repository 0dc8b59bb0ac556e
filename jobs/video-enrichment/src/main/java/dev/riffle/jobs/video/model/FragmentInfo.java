package dev.riffle.jobs.video.model;

import dev.riffle.connector.kvs.KvsFragment;
import dev.riffle.connector.kvs.KvsTrack;

import javax.annotation.Nullable;

/** What the job keeps of a KVS fragment to enrich detections with. */
public class FragmentInfo {
    public String streamArn;
    public String fragmentNumber;
    public long producerTimestampMillis;
    @Nullable public Long serverTimestampMillis;
    public long durationMillis;
    public int frameCount;
    @Nullable public String codec;
    public int width;
    public int height;

    public FragmentInfo() {}

    public static FragmentInfo of(KvsFragment f) {
        FragmentInfo i = new FragmentInfo();
        i.streamArn = f.getStream();
        i.fragmentNumber = f.getFragmentNumber();
        i.producerTimestampMillis = f.eventTimeMillis();
        i.serverTimestampMillis = f.getServerTimestampMillis();
        i.durationMillis = f.getDurationMillis();
        i.frameCount = f.getFrameCount();
        KvsTrack video = f.videoTrack();
        if (video != null) {
            i.codec = video.getCodecId();
            i.width = video.getWidth();
            i.height = video.getHeight();
        }
        return i;
    }

    public String fragmentKey() {
        return Detection.fragmentKey(streamArn, fragmentNumber);
    }

    public long endMillis() {
        return producerTimestampMillis + durationMillis;
    }

    @Override
    public String toString() {
        return "FragmentInfo{" + fragmentKey() + " @" + producerTimestampMillis + '}';
    }
}
