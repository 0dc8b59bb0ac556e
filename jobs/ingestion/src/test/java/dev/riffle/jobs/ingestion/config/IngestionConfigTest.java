package dev.riffle.jobs.ingestion.config;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pins every key and default of the job (README documents them) and the validation messages. */
class IngestionConfigTest {

    @Test
    void pinsEveryKey() throws Exception {
        List<String> keys = new ArrayList<>();
        for (Field f : IngestionOptions.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.get(null) instanceof ConfigOption) {
                ConfigOption<?> o = (ConfigOption<?>) f.get(null);
                assertThat(o.description().toString()).as(o.key()).isNotBlank();
                keys.add(o.key());
            }
        }
        assertThat(keys)
                .containsExactlyInAnyOrder(
                        "job-name",
                        "max-record-size",
                        "dead-letter.max-raw-size",
                        "timestamp.max-future-skew",
                        "dedupe.window",
                        "filter.test-account-ids",
                        "filter.test-account-prefixes",
                        "filter.internal-cidrs",
                        "geo.database",
                        "geo.cache-size");
    }

    @Test
    void pinsEveryDefault() {
        IngestionConfig c = IngestionConfig.defaults();
        assertThat(c.jobName()).isEqualTo("riffle-ingestion");
        assertThat(c.maxRecordBytes()).isEqualTo(64 * 1024);
        assertThat(c.deadLetterMaxRawBytes()).isEqualTo(256 * 1024);
        assertThat(c.maxFutureSkew()).isEqualTo(Duration.ofHours(1));
        assertThat(c.dedupeWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(c.testAccountIds()).isEmpty();
        assertThat(c.testAccountPrefixes()).isEmpty();
        assertThat(c.internalCidrs()).isEmpty();
        assertThat(c.geoDatabase()).isNull();
        assertThat(c.geoCacheSize()).isEqualTo(4096);
    }

    @Test
    void readsValuesAsTheyAreWrittenInPropertyFiles() {
        IngestionConfig c =
                IngestionConfig.from(
                        Configuration.fromMap(
                                Map.of(
                                        "max-record-size", "1mb",
                                        "dedupe.window", "10 min",
                                        "filter.test-account-prefixes", "test-;qa-",
                                        "filter.internal-cidrs", "10.0.0.0/8; fd00::/8",
                                        "geo.database", "classpath:geo.mmdb")));
        assertThat(c.maxRecordBytes()).isEqualTo(1024 * 1024);
        assertThat(c.dedupeWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.testAccountPrefixes()).containsExactly("test-", "qa-");
        assertThat(c.internalCidrs()).containsExactly("10.0.0.0/8", "fd00::/8");
        assertThat(c.geoDatabase()).isEqualTo("classpath:geo.mmdb");
    }

    @Test
    void reportsEveryBadValueAtOnceWithTheKeyAndWhatIsAccepted() {
        assertThatThrownBy(
                        () ->
                                IngestionConfig.from(
                                        Configuration.fromMap(
                                                Map.of(
                                                        "max-record-size", "20mb",
                                                        "dedupe.window", "10 ms",
                                                        "filter.internal-cidrs",
                                                                "10.0.0.0/8;10.0.0.0/40",
                                                        "geo.database", "/no/such/file.mmdb"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "The ingestion job's configuration is invalid:\n"
                            + "  - Invalid value '20 mb' for configuration"
                            + " 'ingestion.max-record-size': must be more than 0 and at most 10mb"
                            + " (the Kinesis record limit). Accepted: a size such as 64kb or 1mb\n"
                            + "  - Invalid value 'PT0.01S' for configuration"
                            + " 'ingestion.dedupe.window': must be at least 1 s. Accepted: a"
                            + " duration such as 1 h or 10 min\n"
                            + "  - Invalid value '[10.0.0.0/8, 10.0.0.0/40]' for configuration"
                            + " 'ingestion.filter.internal-cidrs': has an entry that is not a CIDR"
                            + " range. Accepted: CIDR ranges such as 10.0.0.0/8 or fd00::/8,"
                            + " separated by ';'\n"
                            + "  - Invalid value '/no/such/file.mmdb' for configuration"
                            + " 'ingestion.geo.database': no such file. Accepted: a path to a .mmdb"
                            + " file, classpath:NAME, or a file system URI such as"
                            + " s3://bucket/key.mmdb");
    }

    @Test
    void reportsValuesThatCannotBeRead() {
        assertThatThrownBy(
                        () ->
                                IngestionConfig.from(
                                        Configuration.fromMap(Map.of("dedupe.window", "a while"))))
                .hasMessageContaining(
                        "Invalid value for configuration 'ingestion.dedupe.window': Could not parse"
                                + " value 'a while' for key 'dedupe.window'.");
    }
}
