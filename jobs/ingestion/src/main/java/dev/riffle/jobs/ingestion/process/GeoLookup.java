package dev.riffle.jobs.ingestion.process;

import org.apache.flink.annotation.Internal;

import java.io.Closeable;
import java.net.InetAddress;

/** Country of an IP address. Implementations are opened per operator and are thread-safe. */
@Internal
public interface GeoLookup extends Closeable {

    /** The ISO 3166-1 alpha-2 country (upper case), or {@code null} if the address is unknown. */
    String country(InetAddress address);

    /** A lookup that knows no address: used when no database is configured. */
    GeoLookup NONE =
            new GeoLookup() {
                @Override
                public String country(InetAddress address) {
                    return null;
                }

                @Override
                public void close() {}
            };
}
