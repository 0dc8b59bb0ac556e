package dev.riffle.jobs.video.model;

import javax.annotation.Nullable;

/** One input of the join: a detection or a fragment (exactly one is set). */
public class VideoEvent {
    @Nullable public Detection detection;
    @Nullable public FragmentInfo fragment;

    public VideoEvent() {}

    public static VideoEvent of(Detection d) {
        VideoEvent e = new VideoEvent();
        e.detection = d;
        return e;
    }

    public static VideoEvent of(FragmentInfo f) {
        VideoEvent e = new VideoEvent();
        e.fragment = f;
        return e;
    }

    public String fragmentKey() {
        return detection != null ? detection.fragmentKey() : fragment.fragmentKey();
    }
}
