package dev.riffle.connector.kvs.mkv;

import dev.riffle.connector.kvs.KvsFragment;
import dev.riffle.connector.kvs.KvsFrame;
import dev.riffle.connector.kvs.KvsTrack;

import org.apache.flink.annotation.Internal;

import com.amazonaws.kinesisvideo.parser.ebml.EBMLTypeInfo;
import com.amazonaws.kinesisvideo.parser.ebml.MkvTypeInfos;
import com.amazonaws.kinesisvideo.parser.mkv.Frame;
import com.amazonaws.kinesisvideo.parser.mkv.MkvDataElement;
import com.amazonaws.kinesisvideo.parser.mkv.MkvValue;

import javax.annotation.Nullable;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the parser's element events into fragments. A cluster opens a fragment with the KVS tags
 * and tracks seen before it; a cluster closed by what follows it makes the fragment pending; the
 * trailing continuation-token tags, the next fragment's start or the end of input release it.
 */
@Internal
final class FragmentAssembler {
    static final String TAG_FRAGMENT_NUMBER = "AWS_KINESISVIDEO_FRAGMENT_NUMBER";
    static final String TAG_SERVER_TIMESTAMP = "AWS_KINESISVIDEO_SERVER_TIMESTAMP";
    static final String TAG_PRODUCER_TIMESTAMP = "AWS_KINESISVIDEO_PRODUCER_TIMESTAMP";
    static final String TAG_MILLIS_BEHIND_NOW = "AWS_KINESISVIDEO_MILLIS_BEHIND_NOW";
    static final String TAG_CONTINUATION_TOKEN = "AWS_KINESISVIDEO_CONTINUATION_TOKEN";
    static final String TAG_ERROR_CODE = "AWS_KINESISVIDEO_ERROR_CODE";
    static final String TAG_ERROR_ID = "AWS_KINESISVIDEO_ERROR_ID";

    private static final long DEFAULT_TIMECODE_SCALE_NANOS = 1_000_000L;

    private final String stream;
    private final boolean withFrames;
    private final Consumer<KvsFragment> out;
    private final Consumer<KvsMediaErrorException> errors;

    private long timecodeScaleNanos = DEFAULT_TIMECODE_SCALE_NANOS;
    private List<KvsTrack> tracks = new ArrayList<>();
    @Nullable private KvsTrack track;

    @Nullable private String tagName;
    @Nullable private String tagValue;

    @Nullable private String nextNumber;
    @Nullable private Long nextServer;
    @Nullable private Long nextProducer;

    @Nullable private Builder open;
    @Nullable private KvsFragment pending;
    @Nullable private String lastToken;

    @Nullable private Integer errorId;
    @Nullable private String errorCode;

    FragmentAssembler(
            String stream,
            boolean withFrames,
            Consumer<KvsFragment> out,
            Consumer<KvsMediaErrorException> errors) {
        this.stream = stream;
        this.withFrames = withFrames;
        this.out = out;
        this.errors = errors;
    }

    @Nullable
    String lastContinuationToken() {
        return lastToken;
    }

    boolean hasOpenFragment() {
        return open != null;
    }

    void startMaster(EBMLTypeInfo type, int headerBytes, long dataSize, long consumed) {
        if (is(type, MkvTypeInfos.EBML) || is(type, MkvTypeInfos.SEGMENT)) {
            release();
            timecodeScaleNanos = DEFAULT_TIMECODE_SCALE_NANOS;
        } else if (is(type, MkvTypeInfos.TRACKS)) {
            tracks = new ArrayList<>();
        } else if (is(type, MkvTypeInfos.TRACKENTRY)) {
            track = new KvsTrack();
        } else if (is(type, MkvTypeInfos.SIMPLETAG)) {
            tagName = null;
            tagValue = null;
        } else if (is(type, MkvTypeInfos.CLUSTER)) {
            release();
            open = new Builder(nextNumber, nextServer, nextProducer, tracks, timecodeScaleNanos);
            nextNumber = null;
            nextServer = null;
            nextProducer = null;
            // A sized cluster's bytes are known up front; an unknown-size one is summed up.
            open.sized = dataSize >= 0 && dataSize < 0x00FFFFFFFFFFFFFFL;
            open.bytes = headerBytes + (open.sized ? dataSize : 0);
        } else if (open != null && !open.sized) {
            open.bytes += headerBytes;
        }
    }

    void endMaster(EBMLTypeInfo type, boolean genuine) {
        if (is(type, MkvTypeInfos.TRACKENTRY) && track != null) {
            tracks.add(track);
            track = null;
        } else if (is(type, MkvTypeInfos.SIMPLETAG)) {
            if (tagName != null) {
                onTag(tagName.trim(), tagValue == null ? "" : tagValue.trim());
            }
        } else if (is(type, MkvTypeInfos.CLUSTER) && open != null && genuine) {
            pending = open.build(stream, withFrames);
            open = null;
        } else if (is(type, MkvTypeInfos.TAG) && errorId != null) {
            raiseError();
        }
    }

    void data(EBMLTypeInfo type, MkvDataElement element) {
        if (open != null && !open.sized) {
            open.bytes += element.getIdAndSizeRawBytesLength() + element.getDataSize();
        }
        if (is(type, MkvTypeInfos.SIMPLEBLOCK) || is(type, MkvTypeInfos.BLOCK)) {
            if (open != null) {
                Frame frame = Frame.withoutCopy(element.getDataBuffer().duplicate());
                open.frame(
                        frame.getTrackNumber(),
                        frame.getTimeCode(),
                        frame.getFrameData().remaining(),
                        is(type, MkvTypeInfos.SIMPLEBLOCK) && frame.isKeyFrame());
            }
            return;
        }
        if (is(type, MkvTypeInfos.TIMECODE)) {
            if (open != null) {
                open.clusterTimecode = number(element);
            }
        } else if (is(type, MkvTypeInfos.TIMECODESCALE)) {
            timecodeScaleNanos = number(element);
        } else if (is(type, MkvTypeInfos.TAGNAME)) {
            tagName = string(element);
        } else if (is(type, MkvTypeInfos.TAGSTRING)) {
            tagValue = string(element);
        } else if (track != null) {
            trackField(type, element);
        }
    }

    /**
     * The input ended. A pending fragment is complete; an open one is complete only if {@code
     * completeOpen} (a file that ended between elements).
     */
    void endOfInput(boolean completeOpen) {
        if (completeOpen && open != null) {
            pending = open.build(stream, withFrames);
            open = null;
        }
        release();
        if (errorId != null || errorCode != null) {
            raiseError();
        }
    }

    private void trackField(EBMLTypeInfo type, MkvDataElement element) {
        if (is(type, MkvTypeInfos.TRACKNUMBER)) {
            track.setTrackNumber(number(element));
        } else if (is(type, MkvTypeInfos.TRACKTYPE)) {
            track.setType(KvsTrackTypes.name(number(element)));
        } else if (is(type, MkvTypeInfos.CODECID)) {
            track.setCodecId(string(element).trim());
        } else if (is(type, MkvTypeInfos.NAME)) {
            track.setName(string(element).trim());
        } else if (is(type, MkvTypeInfos.PIXELWIDTH)) {
            track.setWidth((int) number(element));
        } else if (is(type, MkvTypeInfos.PIXELHEIGHT)) {
            track.setHeight((int) number(element));
        } else if (is(type, MkvTypeInfos.SAMPLINGFREQUENCY)) {
            Object v = element.getValueCopy().getVal();
            track.setSamplingFrequency(v instanceof Number ? ((Number) v).doubleValue() : 0);
        } else if (is(type, MkvTypeInfos.CHANNELS)) {
            track.setChannels((int) number(element));
        } else if (is(type, MkvTypeInfos.DEFAULTDURATION)) {
            track.setDefaultDurationNanos(number(element));
        }
    }

    private void onTag(String name, String value) {
        switch (name) {
            case TAG_FRAGMENT_NUMBER:
                release();
                nextNumber = value;
                break;
            case TAG_SERVER_TIMESTAMP:
                nextServer = secondsToMillis(value);
                break;
            case TAG_PRODUCER_TIMESTAMP:
                nextProducer = secondsToMillis(value);
                break;
            case TAG_MILLIS_BEHIND_NOW:
                if (pending != null) {
                    pending.setMillisBehindNow(parseLong(value));
                }
                break;
            case TAG_CONTINUATION_TOKEN:
                lastToken = value;
                if (pending != null) {
                    pending.setContinuationToken(value);
                    release();
                }
                break;
            case TAG_ERROR_CODE:
                errorCode = value;
                break;
            case TAG_ERROR_ID:
                Long id = parseLong(value);
                errorId = id == null ? -1 : id.intValue();
                break;
            default:
                break;
        }
    }

    private void raiseError() {
        release();
        errors.accept(
                new KvsMediaErrorException(
                        errorId == null ? -1 : errorId, errorCode == null ? "" : errorCode));
        errorId = null;
        errorCode = null;
    }

    private void release() {
        if (pending != null) {
            out.accept(pending);
            pending = null;
        }
    }

    private static boolean is(EBMLTypeInfo type, EBMLTypeInfo expected) {
        return type.getId() == expected.getId();
    }

    private static long number(MkvDataElement element) {
        MkvValue<?> v = element.getValueCopy();
        return v.getVal() instanceof Number ? ((Number) v.getVal()).longValue() : 0;
    }

    private static String string(MkvDataElement element) {
        Object v = element.getValueCopy().getVal();
        if (v instanceof ByteBuffer) {
            ByteBuffer b = (ByteBuffer) v;
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return v == null ? "" : v.toString();
    }

    /** KVS writes timestamps as decimal seconds, e.g. 1511852109.126. */
    @Nullable
    static Long secondsToMillis(String seconds) {
        try {
            return new BigDecimal(seconds.trim()).movePointRight(3).longValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Nullable
    private static Long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** One fragment being read: its metadata, and what its frames add up to. */
    private static final class Builder {
        @Nullable final String number;
        @Nullable final Long server;
        @Nullable final Long producer;
        final List<KvsTrack> tracks;
        final long scaleNanos;
        long clusterTimecode;
        boolean sized;
        long bytes;
        int frames;
        int keyFrames;
        long minTimecode = Long.MAX_VALUE;
        long maxTimecode = Long.MIN_VALUE;
        long lastTrack;
        final Map<Long, long[]> perTrack = new HashMap<>(); // track -> {count, min, max}
        final List<long[]> frameList = new ArrayList<>(); // {track, timecode, size, key}

        Builder(
                @Nullable String number,
                @Nullable Long server,
                @Nullable Long producer,
                List<KvsTrack> tracks,
                long scaleNanos) {
            this.number = number;
            this.server = server;
            this.producer = producer;
            this.tracks = tracks;
            this.scaleNanos = scaleNanos;
        }

        void frame(long track, int relativeTimecode, int size, boolean key) {
            long tc = clusterTimecode + relativeTimecode;
            frames++;
            if (key) {
                keyFrames++;
            }
            minTimecode = Math.min(minTimecode, tc);
            if (tc >= maxTimecode) {
                maxTimecode = tc;
                lastTrack = track;
            }
            long[] t = perTrack.computeIfAbsent(track, k -> new long[] {0, tc, tc});
            t[0]++;
            t[1] = Math.min(t[1], tc);
            t[2] = Math.max(t[2], tc);
            frameList.add(new long[] {track, tc, size, key ? 1 : 0});
        }

        KvsFragment build(String stream, boolean withFrames) {
            KvsFragment f = new KvsFragment();
            f.setStream(stream);
            f.setFragmentNumber(number);
            f.setServerTimestampMillis(server);
            f.setProducerTimestampMillis(producer);
            f.setFrameCount(frames);
            f.setKeyFrameCount(keyFrames);
            f.setBytes(bytes);
            f.setTracks(tracks.toArray(new KvsTrack[0]));
            long first = frames == 0 ? clusterTimecode : minTimecode;
            f.setTimecodeMillis(millis(first));
            f.setDurationMillis(frames == 0 ? 0 : millis(maxTimecode - minTimecode) + lastFrame());
            if (withFrames) {
                KvsFrame[] list = new KvsFrame[frameList.size()];
                for (int i = 0; i < list.length; i++) {
                    long[] x = frameList.get(i);
                    list[i] =
                            new KvsFrame(
                                    x[0],
                                    millis(x[1]),
                                    millis(x[1] - first),
                                    (int) x[2],
                                    x[3] == 1);
                }
                f.setFrames(list);
            }
            return f;
        }

        /** The last frame lasts its track's default duration, else that track's mean interval. */
        private long lastFrame() {
            for (KvsTrack t : tracks) {
                if (t.getTrackNumber() == lastTrack && t.getDefaultDurationNanos() > 0) {
                    return Math.round(t.getDefaultDurationNanos() / 1_000_000.0);
                }
            }
            long[] t = perTrack.get(lastTrack);
            if (t == null || t[0] < 2) {
                return 0;
            }
            return Math.round(millis(t[2] - t[1]) / (double) (t[0] - 1));
        }

        private long millis(long timecode) {
            return scaleNanos == 1_000_000L
                    ? timecode
                    : Math.round(timecode * (scaleNanos / 1_000_000.0));
        }
    }
}
