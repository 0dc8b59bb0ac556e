package dev.riffle.local.demo.sampling;

import dev.riffle.local.demo.sampling.Recording.LakeFile;

import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Watches the lake bucket for committed files, as a reader of the lake sees them: through the S3
 * API (s3proxy), where an in-progress multipart upload is not listed, so a listed object is a
 * committed one. Objects present when the run started are not this run's. Each new Parquet file
 * under the events prefix is downloaded and read with parquet-java: its rows' {@code receivedAt}
 * against the time the listing first showed the file is the freshness of each event.
 */
public final class LakeWatcher {
    private final S3Client s3;
    private final String bucket;
    private final String eventsPrefix;
    private final Path scratch;
    private final java.util.function.LongSupplier since;
    private final Set<String> known = new HashSet<>();

    /**
     * {@code since}: rows that arrived before it (replays, history written before the live traffic)
     * are counted as rows but not in the freshness figures.
     */
    public LakeWatcher(
            S3Client s3,
            String bucket,
            String eventsPrefix,
            Path scratch,
            java.util.function.LongSupplier since) {
        this.s3 = s3;
        this.bucket = bucket;
        this.eventsPrefix = eventsPrefix;
        this.scratch = scratch;
        this.since = since;
    }

    /** Remembers what the lake holds before the run. */
    public void baseline() {
        list().forEach(o -> known.add(o.key()));
    }

    /**
     * Files that appeared since the last call, seen at the time of this listing (not of the
     * sampling round: the round's other requests take time too).
     */
    public List<LakeFile> poll() throws IOException {
        List<LakeFile> files = new ArrayList<>();
        List<S3Object> listing = list();
        long now = System.currentTimeMillis();
        for (S3Object object : listing) {
            if (!known.add(object.key()) || !visible(object.key())) {
                continue;
            }
            List<Long> freshness = new ArrayList<>();
            long rows = 0;
            if (object.key().startsWith(eventsPrefix) && object.key().endsWith(".parquet")) {
                for (long receivedAt : receivedAt(object.key())) {
                    rows++;
                    if (receivedAt > 0 && receivedAt >= since.getAsLong()) {
                        freshness.add(now - receivedAt);
                    }
                }
            }
            files.add(new LakeFile(now, object.key(), object.size(), rows, freshness));
        }
        return files;
    }

    private List<S3Object> list() {
        List<S3Object> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(objects::add);
        return objects;
    }

    /** Hive, Spark, Trino and Athena skip names starting with '.' or '_'. */
    static boolean visible(String key) {
        for (String segment : key.split("/")) {
            if (segment.startsWith(".") || segment.startsWith("_")) {
                return false;
            }
        }
        return true;
    }

    private List<Long> receivedAt(String key) throws IOException {
        Files.createDirectories(scratch);
        Path local = scratch.resolve("lake-file.parquet");
        Files.deleteIfExists(local);
        s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toFile(local));
        try {
            return receivedAt(local);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /** The {@code receivedAt} of every row of a Parquet file (0 where a row has none). */
    static List<Long> receivedAt(Path parquet) throws IOException {
        List<Long> times = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader =
                AvroParquetReader.<GenericRecord>builder(new LocalInputFile(parquet))
                        .withConf(new PlainParquetConfiguration())
                        .build()) {
            GenericRecord row;
            while ((row = reader.read()) != null) {
                times.add(millis(row.get("receivedAt")));
            }
        }
        return times;
    }

    private static long millis(Object value) {
        if (value instanceof Long l) {
            return l; // timestamp-millis
        }
        if (value instanceof Instant i) {
            return i.toEpochMilli();
        }
        if (value instanceof CharSequence text) {
            return Instant.parse(text.toString()).toEpochMilli();
        }
        return 0;
    }
}
