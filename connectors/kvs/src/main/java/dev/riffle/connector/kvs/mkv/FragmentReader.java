package dev.riffle.connector.kvs.mkv;

import dev.riffle.connector.kvs.KvsFragment;

import org.apache.flink.annotation.PublicEvolving;

import com.amazonaws.kinesisvideo.parser.ebml.EBMLTypeInfo;
import com.amazonaws.kinesisvideo.parser.mkv.MkvDataElement;
import com.amazonaws.kinesisvideo.parser.mkv.MkvElement;
import com.amazonaws.kinesisvideo.parser.mkv.MkvEndMasterElement;
import com.amazonaws.kinesisvideo.parser.mkv.MkvStartMasterElement;
import com.amazonaws.kinesisvideo.parser.mkv.StreamingMkvReader;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Reads Kinesis Video Streams fragments from MKV bytes: a GetMedia response or an MKV file. Each
 * MKV cluster is one fragment; its KVS metadata comes from the {@code AWS_KINESISVIDEO_*} tags
 * around it and its tracks from the segment header before it.
 *
 * <p>A fragment is returned only when it is complete. On a live connection ({@link Mode#LIVE}) that
 * means its cluster was closed by what follows it (KVS sends the continuation-token tags after
 * every fragment); a cluster still open when the connection ends may have lost frames and is not
 * returned. In a file ({@link Mode#FILE}) the end of the file also completes the last fragment,
 * unless the file ends inside a frame.
 *
 * <p>{@link #next()} blocks until a fragment is complete or the input ends. It throws {@link
 * KvsMediaErrorException} when GetMedia's error tags arrive and {@link TruncatedMediaException}
 * when the input ends inside a fragment or is not valid MKV; fragments completed before either are
 * returned first. Not thread-safe.
 *
 * <pre>{@code
 * try (FragmentReader reader = new FragmentReader(in, "camera-1", FragmentReader.Mode.FILE, false)) {
 *     for (Optional<KvsFragment> f = reader.next(); f.isPresent(); f = reader.next()) { ... }
 * }
 * }</pre>
 */
@PublicEvolving
public final class FragmentReader implements AutoCloseable {

    /** Whether the end of the input completes the fragment in progress. */
    public enum Mode {
        LIVE,
        FILE
    }

    private static final int BUFFER_BYTES = 64 * 1024;

    private final InputStream in;
    private final CountingByteSource source;
    private final StreamingMkvReader reader;
    private final FragmentAssembler assembler;
    private final Mode mode;
    private final Deque<KvsFragment> ready = new ArrayDeque<>();
    @Nullable private IOException failure;
    private boolean ended;
    private boolean sawElement;

    public FragmentReader(InputStream in, String stream, Mode mode, boolean withFrames) {
        this.in = in;
        this.mode = mode;
        this.source = new CountingByteSource(in, BUFFER_BYTES);
        this.reader = StreamingMkvReader.createDefault(source);
        this.assembler = new FragmentAssembler(stream, withFrames, ready::add, this::onError);
    }

    /**
     * The next complete fragment, blocking until there is one; empty when the input has ended
     * cleanly.
     */
    public Optional<KvsFragment> next() throws IOException {
        while (ready.isEmpty() && failure == null && !ended) {
            step();
        }
        if (!ready.isEmpty()) {
            return Optional.of(ready.poll());
        }
        if (failure != null) {
            IOException f = failure;
            failure = null;
            ended = true;
            throw f;
        }
        return Optional.empty();
    }

    /** The last continuation token GetMedia sent, if any. */
    public Optional<String> lastContinuationToken() {
        return Optional.ofNullable(assembler.lastContinuationToken());
    }

    /** Bytes read from the input so far. */
    public long bytesRead() {
        return source.consumed();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void step() throws IOException {
        try {
            if (!reader.mightHaveNext()) {
                finish();
                return;
            }
            Optional<MkvElement> element = reader.nextIfAvailable();
            if (element.isPresent()) {
                visit(element.get());
            }
        } catch (UncheckedIOException e) {
            // Connection reset, premature end of a chunked body, a closed stream: all truncation.
            assembler.endOfInput(false);
            failure =
                    new TruncatedMediaException(
                            "The media stream failed after "
                                    + source.consumed()
                                    + " bytes: "
                                    + e.getCause().getMessage(),
                            e.getCause());
        } catch (IllegalArgumentException | IllegalStateException e) {
            // The parser validates with commons-lang3 (IllegalArgumentException): a frame cut off
            // by the end of the input, or bytes that are not MKV.
            assembler.endOfInput(false);
            failure =
                    new TruncatedMediaException(
                            (source.reachedEnd()
                                            ? "The media ended inside an element after "
                                            : "Invalid MKV after ")
                                    + source.consumed()
                                    + " bytes: "
                                    + e.getMessage(),
                            e);
        }
    }

    private void visit(MkvElement element) {
        sawElement = true;
        EBMLTypeInfo type = element.getElementMetaData().getTypeInfo();
        if (element instanceof MkvStartMasterElement) {
            MkvStartMasterElement start = (MkvStartMasterElement) element;
            assembler.startMaster(
                    type,
                    start.getIdAndSizeRawBytesLength(),
                    start.getDataSize(),
                    source.consumed());
        } else if (element instanceof MkvEndMasterElement) {
            // After the input ended, the parser closes whatever is still open: not a real end.
            assembler.endMaster(type, !source.reachedEnd());
        } else if (element instanceof MkvDataElement) {
            assembler.data(type, (MkvDataElement) element);
        }
    }

    private void finish() throws IOException {
        ended = true;
        assembler.endOfInput(mode == Mode.FILE);
        if (!sawElement && source.consumed() > 0) {
            failure =
                    new TruncatedMediaException(
                            "Not MKV: no known element in " + source.consumed() + " bytes", null);
        } else if (assembler.hasOpenFragment()) {
            failure =
                    new TruncatedMediaException(
                            "The media ended inside a fragment after "
                                    + source.consumed()
                                    + " bytes (connection closed before the fragment's end)",
                            null);
        }
    }

    private void onError(KvsMediaErrorException error) {
        if (failure == null) {
            failure = error;
        }
    }
}
