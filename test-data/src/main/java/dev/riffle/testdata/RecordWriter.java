package dev.riffle.testdata;

import java.io.IOException;

/** Where generated records go: a Kinesis stream, a file, memory. */
public interface RecordWriter extends AutoCloseable {

    /** Writes (or buffers) one record. */
    void write(GeneratedRecord record) throws IOException;

    /** Makes everything written so far durable (sent, flushed). */
    void flush() throws IOException;

    @Override
    void close() throws IOException;
}
