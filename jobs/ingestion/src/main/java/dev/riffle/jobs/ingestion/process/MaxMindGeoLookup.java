package dev.riffle.jobs.ingestion.process;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;

/**
 * Country lookups in a MaxMind-format database (.mmdb). Understands both record shapes in use:
 * MaxMind's GeoIP2/GeoLite2 Country and City ({@code {"country":{"iso_code":"DE"}}}) and the
 * ip-location-db country databases ({@code {"country_code":"DE"}}).
 *
 * <p>Where the database comes from: a local path is memory-mapped; {@code classpath:name} and any
 * URI of a Flink file system (e.g. {@code s3://bucket/GeoLite2-Country.mmdb} on Managed Flink) are
 * read into memory once per operator.
 */
@Internal
public final class MaxMindGeoLookup implements GeoLookup {
    private final Reader reader;

    private MaxMindGeoLookup(Reader reader) {
        this.reader = reader;
    }

    /**
     * Opens the database at {@code location}.
     *
     * @param cacheEntries decoded records kept in memory (0 for none)
     * @throws IOException naming the location if it cannot be read or is not a MaxMind database
     */
    public static MaxMindGeoLookup open(String location, int cacheEntries) throws IOException {
        try {
            CHMCache cache = cacheEntries > 0 ? new CHMCache(cacheEntries) : null;
            Reader reader;
            if (location.startsWith("classpath:")) {
                String name = location.substring("classpath:".length());
                try (InputStream in =
                        MaxMindGeoLookup.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("no such resource on the classpath");
                    }
                    reader = cache == null ? new Reader(in) : new Reader(in, cache);
                }
            } else if (!location.contains("://") || location.startsWith("file:")) {
                File file =
                        location.startsWith("file:")
                                ? new File(java.net.URI.create(location))
                                : new File(location);
                if (!file.isFile()) {
                    throw new IOException("no such file");
                }
                reader = cache == null ? new Reader(file) : new Reader(file, cache);
            } else {
                Path path = new Path(location);
                FileSystem fs = path.getFileSystem();
                try (FSDataInputStream in = fs.open(path)) {
                    reader = cache == null ? new Reader(in) : new Reader(in, cache);
                }
            }
            return new MaxMindGeoLookup(reader);
        } catch (IOException | RuntimeException e) {
            throw new IOException(
                    "Cannot open the geolocation database '" + location + "': " + e.getMessage(),
                    e);
        }
    }

    /** The database type from its metadata, e.g. {@code GeoLite2-Country}. */
    public String databaseType() {
        return reader.getMetadata().getDatabaseType();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public String country(InetAddress address) {
        Map record;
        try {
            record = reader.get(address, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (record == null) {
            return null;
        }
        Object code = record.get("country_code");
        if (code == null && record.get("country") instanceof Map) {
            code = ((Map) record.get("country")).get("iso_code");
        }
        return code instanceof String && !((String) code).isEmpty()
                ? ((String) code).toUpperCase(Locale.ROOT)
                : null;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
