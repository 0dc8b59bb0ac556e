package dev.riffle.jobs.ingestion;

import dev.riffle.common.event.RawRecord;
import dev.riffle.jobs.ingestion.config.IngestionConfig;
import dev.riffle.jobs.ingestion.config.IngestionOptions;
import dev.riffle.testdata.GeneratedRecord;
import dev.riffle.testdata.GeneratorConfig;

import org.apache.flink.configuration.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What the ingestion tests share: the local geolocation database and the generator's filters. */
public final class TestSupport {
    private TestSupport() {}

    /** The CC0 country database that `npm ci` installs at the repository root. */
    public static Path geoDatabase() {
        Path root = Path.of(System.getProperty("riffle.repo.root", "../.."));
        Path db =
                root.resolve(
                        "node_modules/@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb");
        if (!Files.isRegularFile(db)) {
            throw new IllegalStateException(
                    "Missing " + db + ": run `npm ci` at the repository root first");
        }
        return db.toAbsolutePath();
    }

    /** Settings matching what the traffic generator produces as internal traffic. */
    public static Configuration configuration() {
        Configuration c = new Configuration();
        c.set(IngestionOptions.TEST_ACCOUNT_PREFIXES, List.of(GeneratorConfig.TEST_ACCOUNT_PREFIX));
        c.set(IngestionOptions.INTERNAL_CIDRS, List.of(GeneratorConfig.INTERNAL_CIDR));
        c.set(IngestionOptions.GEO_DATABASE, geoDatabase().toString());
        return c;
    }

    public static IngestionConfig config() {
        return IngestionConfig.from(configuration());
    }

    /** A generated record as the source would hand it over, arriving a second after its time. */
    public static RawRecord raw(GeneratedRecord r, long sequence) {
        return new RawRecord(
                r.data(),
                "raw-events",
                "shardId-000000000000",
                Long.toString(sequence),
                r.partitionKey(),
                r.eventTime().plus(Duration.ofSeconds(1)).toEpochMilli());
    }
}
