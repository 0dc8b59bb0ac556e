package dev.riffle.jobs.anomaly.detector;

import org.apache.flink.annotation.Internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * What the detector remembers besides the forest: the last {@code peakWindow} raw scores (for peak
 * selection) and an exponentially weighted mean of the values (the expected value when the forest
 * has no estimate of its own). Checkpointed with the forest.
 */
@Internal
final class ScoreHistory {
    private final double[] ring;
    private int next;
    private int filled;
    private double mean;
    private boolean seeded;

    ScoreHistory(int window) {
        this.ring = new double[window];
    }

    /** The highest of the remembered scores (0 when none). */
    double max() {
        double m = 0;
        for (int i = 0; i < filled; i++) {
            m = Math.max(m, ring[i]);
        }
        return m;
    }

    boolean enabled() {
        return ring.length > 0;
    }

    void add(double score, double value) {
        if (ring.length > 0) {
            ring[next] = score;
            next = (next + 1) % ring.length;
            filled = Math.min(filled + 1, ring.length);
        }
        double alpha = 1.0 / Math.max(10, ring.length);
        mean = seeded ? mean + alpha * (value - mean) : value;
        seeded = true;
    }

    /** The recent mean of the values, or NaN before the first value. */
    double mean() {
        return seeded ? mean : Double.NaN;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(ring.length);
        out.writeInt(next);
        out.writeInt(filled);
        for (int i = 0; i < filled; i++) {
            out.writeDouble(ring[i]);
        }
        out.writeBoolean(seeded);
        out.writeDouble(mean);
    }

    static ScoreHistory read(DataInputStream in) throws IOException {
        ScoreHistory h = new ScoreHistory(in.readInt());
        h.next = in.readInt();
        h.filled = in.readInt();
        for (int i = 0; i < h.filled; i++) {
            h.ring[i] = in.readDouble();
        }
        h.seeded = in.readBoolean();
        h.mean = in.readDouble();
        return h;
    }
}
