package dev.riffle.jobs.video.registry;

import dev.riffle.jobs.video.model.RegistrySnapshot;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.time.Duration;

/**
 * The camera registry as a stream: reads the registry file (a local path or any Flink file system
 * URI, e.g. {@code s3://bucket/cameras.json}) at start and then every poll interval, and emits what
 * it read. The job applies a snapshot only when its content changed, so an edited file takes effect
 * without a restart. A file that cannot be read or parsed yields a failed snapshot; the job keeps
 * the registry it has.
 */
public final class CameraRegistrySource {
    private CameraRegistrySource() {}

    public static DataGeneratorSource<RegistrySnapshot> create(String location, Duration poll) {
        return new DataGeneratorSource<>(
                new Reader(location),
                Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(1000.0 / Math.max(1, poll.toMillis())),
                TypeInformation.of(RegistrySnapshot.class));
    }

    /** Reads the registry once per call. */
    static final class Reader implements GeneratorFunction<Long, RegistrySnapshot> {
        private static final long serialVersionUID = 1L;
        private final String location;

        Reader(String location) {
            this.location = location;
        }

        @Override
        public RegistrySnapshot map(Long index) {
            long now = System.currentTimeMillis();
            try {
                return CameraRegistryParser.parse(read(location), now);
            } catch (IOException | RuntimeException e) {
                return RegistrySnapshot.failed(
                        "cannot read " + location + ": " + e.getMessage(), now);
            }
        }

        static byte[] read(String location) throws IOException {
            Path path = new Path(location);
            try (FSDataInputStream in = path.getFileSystem().open(path)) {
                return in.readAllBytes();
            }
        }
    }
}
