package dev.riffle.jobs.anomaly.rcf;

import org.apache.flink.annotation.Internal;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import com.amazon.randomcutforest.parkservices.state.ThresholdedRandomCutForestMapper;
import com.amazon.randomcutforest.parkservices.state.ThresholdedRandomCutForestState;
import com.amazon.randomcutforest.state.RandomCutForestMapper;
import com.amazon.randomcutforest.state.RandomCutForestState;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;

/**
 * Turns forests into the bytes kept in Flink state, and back.
 *
 * <p>Format (a public contract: checkpoints and savepoints hold these bytes):
 *
 * <pre>
 * byte 0-1  magic 'R' 'F'
 * byte 2    format version (1)
 * byte 3    kind: 1 = RandomCutForest, 2 = ThresholdedRandomCutForest
 * rest      version 1: Java serialization of the library's state object
 *           (RandomCutForestState / ThresholdedRandomCutForestState of randomcutforest 4.4.0),
 *           written by its own mappers with tree state saved
 * </pre>
 *
 * <p>The mappers save tree structure, samplers and the random state, so a decoded model scores
 * every later point exactly as the encoded one would have: a restore from a checkpoint gives the
 * same scores as an uninterrupted run. A later format version can change the encoding; readers keep
 * decoding every version they ever wrote.
 *
 * <p>Deserialization is restricted to the library's state classes and the JDK types they use.
 */
@Internal
public final class ForestCodec {
    public static final byte VERSION = 1;
    static final byte KIND_RCF = 1;
    static final byte KIND_TRCF = 2;
    private static final byte MAGIC_0 = 'R';
    private static final byte MAGIC_1 = 'F';

    private ForestCodec() {}

    public static byte[] encode(RandomCutForest forest) {
        return write(KIND_RCF, rcfMapper().toState(forest));
    }

    public static byte[] encode(ThresholdedRandomCutForest forest) {
        return write(KIND_TRCF, new ThresholdedRandomCutForestMapper().toState(forest));
    }

    public static RandomCutForest decodeForest(byte[] bytes) {
        Object state = read(bytes, KIND_RCF);
        return rcfMapper().toModel((RandomCutForestState) state);
    }

    public static ThresholdedRandomCutForest decodeThresholded(byte[] bytes) {
        Object state = read(bytes, KIND_TRCF);
        return new ThresholdedRandomCutForestMapper()
                .toModel((ThresholdedRandomCutForestState) state);
    }

    private static RandomCutForestMapper rcfMapper() {
        RandomCutForestMapper mapper = new RandomCutForestMapper();
        // Trees, samplers and the executor context: without the trees the restored forest
        // rebuilds them with fresh randomness and scores drift from the uninterrupted run.
        mapper.setSaveTreeStateEnabled(true);
        mapper.setSaveSamplerStateEnabled(true);
        mapper.setSaveExecutorContextEnabled(true);
        return mapper;
    }

    private static byte[] write(byte kind, Object state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        bytes.write(MAGIC_0);
        bytes.write(MAGIC_1);
        bytes.write(VERSION);
        bytes.write(kind);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not serialize a forest", e);
        }
        return bytes.toByteArray();
    }

    private static Object read(byte[] bytes, byte expectedKind) {
        if (bytes.length < 4 || bytes[0] != MAGIC_0 || bytes[1] != MAGIC_1) {
            throw new IllegalStateException("Not a Riffle forest snapshot (bad magic)");
        }
        if (bytes[2] != VERSION) {
            throw new IllegalStateException(
                    "Forest snapshot format version "
                            + bytes[2]
                            + " is newer than this build understands (up to "
                            + VERSION
                            + "). Run a newer Riffle or restore from an older savepoint.");
        }
        if (bytes[3] != expectedKind) {
            throw new IllegalStateException(
                    "Forest snapshot holds kind "
                            + bytes[3]
                            + " but kind "
                            + expectedKind
                            + " was expected: the state belongs to a different function");
        }
        try (ObjectInputStream in =
                new RestrictedObjectInputStream(
                        new ByteArrayInputStream(bytes, 4, bytes.length - 4))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("Corrupt forest snapshot: " + e.getMessage(), e);
        }
    }

    /** Only the library's state types (and the JDK types inside them) may be deserialized. */
    private static final class RestrictedObjectInputStream extends ObjectInputStream {
        RestrictedObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc)
                throws IOException, ClassNotFoundException {
            String name = desc.getName();
            if (name.startsWith("com.amazon.randomcutforest.")
                    || name.startsWith("java.lang.")
                    || name.startsWith("java.util.")
                    || name.startsWith("[")) {
                return Class.forName(name, false, ForestCodec.class.getClassLoader());
            }
            throw new IllegalStateException(
                    "Refusing to deserialize " + name + " from a forest snapshot");
        }
    }
}
