package dev.riffle.connector.kvs.mkv;

import org.apache.flink.annotation.Internal;

import com.amazonaws.kinesisvideo.parser.ebml.ParserByteSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The parser's byte source over an {@link InputStream}, with its own buffer. Unlike the library's
 * {@code InputStreamParserByteSource} it keeps the {@link IOException} (the library replaces it
 * with a message-only RuntimeException), counts the bytes handed to the parser and remembers
 * whether the end of the stream was reached.
 *
 * <p>{@link #eof()} blocks until one byte is available or the stream ends: that is where a reader
 * on a live GetMedia connection waits.
 */
@Internal
final class CountingByteSource implements ParserByteSource {
    private final InputStream in;
    private final byte[] buffer;
    private int pos;
    private int limit;
    private long consumed;
    private long consumedAtLastEofCheck = -1;
    private boolean eof;

    CountingByteSource(InputStream in, int bufferSize) {
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    /** Bytes handed to the parser so far. */
    long consumed() {
        return consumed;
    }

    /** True once a read returned end of stream. */
    boolean reachedEnd() {
        return eof;
    }

    @Override
    public int readByte() {
        if (!fill()) {
            return -1;
        }
        consumed++;
        return buffer[pos++] & 0xFF;
    }

    @Override
    public int available() {
        if (pos < limit) {
            return limit - pos;
        }
        if (eof) {
            return 0;
        }
        try {
            // What the stream has without blocking: the parser only asks for that much.
            return in.available() > 0 && fill() ? limit - pos : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int readBytes(ByteBuffer dest, int numBytes) {
        if (!fill()) {
            return -1;
        }
        int n = Math.min(numBytes, limit - pos);
        dest.put(buffer, pos, n);
        pos += n;
        consumed += n;
        return n;
    }

    @Override
    public boolean eof() {
        if (pos < limit && consumed == consumedAtLastEofCheck) {
            // The parser took nothing since it last asked: it needs more than is buffered.
            readMore();
        }
        consumedAtLastEofCheck = consumed;
        return !fill();
    }

    /** Keeps the buffered bytes and blocks for more behind them. */
    private void readMore() {
        if (eof) {
            return;
        }
        System.arraycopy(buffer, pos, buffer, 0, limit - pos);
        limit -= pos;
        pos = 0;
        if (limit == buffer.length) {
            return;
        }
        try {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ensures at least one buffered byte, blocking; false at end of stream. */
    private boolean fill() {
        if (pos < limit) {
            return true;
        }
        if (eof) {
            return false;
        }
        try {
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            limit = n;
            return n > 0 || fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
