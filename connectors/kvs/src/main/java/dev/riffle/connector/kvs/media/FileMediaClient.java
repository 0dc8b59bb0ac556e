package dev.riffle.connector.kvs.media;

import dev.riffle.connector.kvs.StartSelector;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens MKV files through Flink's file systems ({@code file://}, {@code s3://} with the S3 plugin,
 * ...). The selector is ignored: files are read from the start.
 */
@Internal
public final class FileMediaClient implements MediaClient {

    @Override
    public InputStream getMedia(String path, StartSelector selector) throws IOException {
        Path p = new Path(path);
        return p.getFileSystem().open(p);
    }

    @Override
    public void close() {}
}
