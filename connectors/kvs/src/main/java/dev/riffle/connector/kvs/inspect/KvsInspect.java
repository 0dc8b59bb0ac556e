package dev.riffle.connector.kvs.inspect;

import dev.riffle.connector.kvs.KvsFragment;
import dev.riffle.connector.kvs.KvsFrame;
import dev.riffle.connector.kvs.KvsTrack;
import dev.riffle.connector.kvs.mkv.FragmentReader;
import dev.riffle.connector.kvs.mkv.KvsMediaErrorException;
import dev.riffle.connector.kvs.mkv.TruncatedMediaException;

import org.apache.flink.annotation.PublicEvolving;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code kvs-inspect [--frames] FILE.mkv...}: prints one JSON line per fragment of a KVS capture (a
 * saved GetMedia response) or any MKV file: fragment number, server and producer timestamps (epoch
 * millis), frame and key-frame counts, duration, cluster bytes and the tracks; with {@code
 * --frames}, each frame's track, timecode, offset, size and key flag too.
 *
 * <p>Exit status: 0 when every file was read to its end, 2 when a file is truncated, not MKV or
 * carries KVS error tags (the complete fragments before the problem are printed; the problem goes
 * to standard error), 1 for a usage error or an unreadable file.
 */
@PublicEvolving
public final class KvsInspect {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KvsInspect() {}

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs the command; returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean frames = false;
        List<String> files = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--frames")) {
                frames = true;
            } else if (a.equals("-h") || a.equals("--help")) {
                out.println(usage());
                return 0;
            } else if (a.startsWith("-")) {
                err.println("Unknown option " + a + "\n" + usage());
                return 1;
            } else {
                files.add(a);
            }
        }
        if (files.isEmpty()) {
            err.println(usage());
            return 1;
        }
        int status = 0;
        for (String file : files) {
            status = Math.max(status, inspect(file, frames, out, err));
        }
        return status;
    }

    private static int inspect(String file, boolean frames, PrintStream out, PrintStream err) {
        InputStream in;
        try {
            in = Files.newInputStream(Paths.get(file));
        } catch (NoSuchFileException e) {
            err.println("kvs-inspect: no such file: " + file);
            return 1;
        } catch (IOException e) {
            err.println("kvs-inspect: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        try (FragmentReader reader =
                new FragmentReader(in, file, FragmentReader.Mode.FILE, frames)) {
            for (Optional<KvsFragment> f = reader.next(); f.isPresent(); f = reader.next()) {
                out.println(JSON.writeValueAsString(toJson(file, f.get(), frames)));
            }
            return 0;
        } catch (TruncatedMediaException | KvsMediaErrorException e) {
            err.println("kvs-inspect: " + file + ": " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("kvs-inspect: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
    }

    static ObjectNode toJson(String file, KvsFragment f, boolean frames) {
        ObjectNode n = JSON.createObjectNode();
        n.put("file", file);
        n.put("fragmentNumber", f.getFragmentNumber());
        n.put("serverTimestamp", f.getServerTimestampMillis());
        n.put("producerTimestamp", f.getProducerTimestampMillis());
        n.put("frameCount", f.getFrameCount());
        n.put("keyFrameCount", f.getKeyFrameCount());
        n.put("durationMillis", f.getDurationMillis());
        n.put("timecodeMillis", f.getTimecodeMillis());
        n.put("bytes", f.getBytes());
        if (f.getContinuationToken() != null) {
            n.put("continuationToken", f.getContinuationToken());
        }
        ArrayNode tracks = n.putArray("tracks");
        for (KvsTrack t : f.getTracks()) {
            ObjectNode tn = tracks.addObject();
            tn.put("number", t.getTrackNumber());
            tn.put("type", t.getType());
            tn.put("codec", t.getCodecId());
            if (t.getWidth() > 0) {
                tn.put("width", t.getWidth());
                tn.put("height", t.getHeight());
            }
            if (t.getSamplingFrequency() > 0) {
                tn.put("samplingFrequency", t.getSamplingFrequency());
                tn.put("channels", t.getChannels());
            }
        }
        if (frames) {
            ArrayNode list = n.putArray("frames");
            for (KvsFrame fr : f.getFrames()) {
                ObjectNode fn = list.addObject();
                fn.put("track", fr.getTrackNumber());
                fn.put("timecodeMillis", fr.getTimecodeMillis());
                fn.put("offsetMillis", fr.getOffsetMillis());
                fn.put("size", fr.getSize());
                fn.put("keyFrame", fr.isKeyFrame());
            }
        }
        return n;
    }

    private static String usage() {
        return "Usage: kvs-inspect [--frames] FILE.mkv...\n"
                + "Prints one JSON line per KVS fragment (MKV cluster) of each file.";
    }
}
