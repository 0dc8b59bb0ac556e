package dev.riffle.connector.kvs.mkv;

import org.apache.flink.annotation.Internal;

/** MKV TrackType numbers as words. */
@Internal
final class KvsTrackTypes {
    private KvsTrackTypes() {}

    static String name(long mkvType) {
        switch ((int) mkvType) {
            case 1:
                return "video";
            case 2:
                return "audio";
            case 0x11:
                return "subtitle";
            case 0x21:
                return "metadata";
            default:
                return "other";
        }
    }
}
