package dev.riffle.jobs.parquet.config;

import dev.riffle.jobs.parquet.convert.JsonOptions;
import dev.riffle.jobs.parquet.convert.JsonPath;
import dev.riffle.jobs.parquet.convert.RowSchemas;
import dev.riffle.jobs.parquet.prefix.Prefixes;
import dev.riffle.jobs.parquet.sink.ParquetSettings;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.Preconditions;

import org.apache.avro.Schema;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a delivery needs, checked: where files go, the schema, JSON options, prefixes, rolling
 * and compaction. Built from configuration by {@link ParquetDeliveryConfig#settings}, or in tests
 * with {@link #builder}:
 *
 * <pre>{@code
 * DeliverySettings settings =
 *         DeliverySettings.builder("file:///tmp/lake", RowSchemas.fromColumns("eventId STRING", "Row"))
 *                 .prefix("dt=!{timestamp:yyyy-MM-dd}/")
 *                 .errorPrefix("errors/!{firehose:error-output-type}/")
 *                 .build();
 * }</pre>
 *
 * Defaults are the configuration defaults (see the README's table). Immutable and serializable.
 */
@PublicEvolving
public final class DeliverySettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String basePath;
    private final String schemaJson;
    private final JsonOptions json;
    private final Prefixes prefixes;
    private final Map<String, JsonPath> partitionKeys;
    private final TimestampSource timestampSource;
    private final JsonPath timestampField;
    private final int maxOpenPartitions;
    private final String fileNamePrefix;
    private final long maxFileSizeBytes;
    private final long inactivityIntervalMillis;
    private final long checkIntervalMillis;
    private final boolean compaction;
    private final long compactionSizeThresholdBytes;
    private final int compactionCheckpoints;
    private final ParquetSettings parquet;
    private final JsonPath dedupeField;
    private final long dedupeWindowMillis;

    private DeliverySettings(Builder b) {
        this.basePath = b.basePath;
        this.schemaJson = b.schema.toString();
        this.json = b.json;
        this.partitionKeys = Collections.unmodifiableMap(new LinkedHashMap<>(b.partitionKeys));
        this.prefixes = Prefixes.resolve(b.prefix, b.errorPrefix, this.partitionKeys.keySet());
        this.timestampSource = b.timestampSource;
        this.timestampField = b.timestampField;
        this.maxOpenPartitions = b.maxOpenPartitions;
        this.fileNamePrefix = b.fileNamePrefix;
        this.maxFileSizeBytes = b.maxFileSizeBytes;
        this.inactivityIntervalMillis = b.inactivityInterval.toMillis();
        this.checkIntervalMillis = b.checkInterval.toMillis();
        this.compaction = b.compaction;
        this.compactionSizeThresholdBytes = b.compactionSizeThresholdBytes;
        this.compactionCheckpoints = b.compactionCheckpoints;
        this.parquet = b.parquet;
        this.dedupeField = b.dedupeField;
        this.dedupeWindowMillis = b.dedupeWindow.toMillis();
    }

    /** Starts settings for a lake at {@code basePath} with rows of {@code schema}. */
    public static Builder builder(String basePath, Schema schema) {
        return new Builder(basePath, schema);
    }

    public String basePath() {
        return basePath;
    }

    public Schema schema() {
        return new Schema.Parser().parse(schemaJson);
    }

    public JsonOptions json() {
        return json;
    }

    public Prefixes prefixes() {
        return prefixes;
    }

    public Map<String, JsonPath> partitionKeys() {
        return partitionKeys;
    }

    public TimestampSource timestampSource() {
        return timestampSource;
    }

    /** The event time path; null unless {@link TimestampSource#EVENT_TIME}. */
    public JsonPath timestampField() {
        return timestampField;
    }

    public int maxOpenPartitions() {
        return maxOpenPartitions;
    }

    public String fileNamePrefix() {
        return fileNamePrefix;
    }

    public long maxFileSizeBytes() {
        return maxFileSizeBytes;
    }

    public long inactivityIntervalMillis() {
        return inactivityIntervalMillis;
    }

    public long checkIntervalMillis() {
        return checkIntervalMillis;
    }

    public boolean compaction() {
        return compaction;
    }

    public long compactionSizeThresholdBytes() {
        return compactionSizeThresholdBytes;
    }

    public int compactionCheckpoints() {
        return compactionCheckpoints;
    }

    public ParquetSettings parquet() {
        return parquet;
    }

    /** The path of the id records are deduplicated by; null when deduplication is off. */
    public JsonPath dedupeField() {
        return dedupeField;
    }

    public long dedupeWindowMillis() {
        return dedupeWindowMillis;
    }

    @Override
    public String toString() {
        return "DeliverySettings{path="
                + basePath
                + ", "
                + prefixes
                + ", partitionKeys="
                + partitionKeys
                + ", timestamp="
                + timestampSource
                + (timestampField == null ? "" : "(" + timestampField + ")")
                + ", maxOpenPartitions="
                + maxOpenPartitions
                + ", parquet="
                + parquet
                + ", compaction="
                + compaction
                + (dedupeField == null
                        ? ""
                        : ", dedupe=" + dedupeField + " for " + dedupeWindowMillis + " ms")
                + '}';
    }

    /** Builds {@link DeliverySettings}; {@link #build()} checks the prefixes and the schema. */
    @PublicEvolving
    public static final class Builder {
        private final String basePath;
        private final Schema schema;
        private JsonOptions json = JsonOptions.defaults();
        private String prefix = LakeOptions.PREFIX.defaultValue();
        private String errorPrefix;
        private final Map<String, JsonPath> partitionKeys = new LinkedHashMap<>();
        private TimestampSource timestampSource = LakeOptions.TIMESTAMP_SOURCE.defaultValue();
        private JsonPath timestampField;
        private int maxOpenPartitions = LakeOptions.MAX_OPEN_PARTITIONS.defaultValue();
        private String fileNamePrefix = LakeOptions.FILE_NAME_PREFIX.defaultValue();
        private long maxFileSizeBytes = LakeOptions.ROLLING_MAX_FILE_SIZE.defaultValue().getBytes();
        private Duration inactivityInterval =
                LakeOptions.ROLLING_INACTIVITY_INTERVAL.defaultValue();
        private Duration checkInterval = LakeOptions.ROLLING_CHECK_INTERVAL.defaultValue();
        private boolean compaction = LakeOptions.COMPACTION_ENABLED.defaultValue();
        private long compactionSizeThresholdBytes =
                LakeOptions.COMPACTION_SIZE_THRESHOLD.defaultValue().getBytes();
        private int compactionCheckpoints = LakeOptions.COMPACTION_CHECKPOINTS.defaultValue();
        private ParquetSettings parquet = ParquetSettings.defaults();
        private JsonPath dedupeField;
        private Duration dedupeWindow = LakeOptions.DEDUPE_WINDOW.defaultValue();

        private Builder(String basePath, Schema schema) {
            this.basePath = Preconditions.checkNotNull(basePath, "basePath");
            this.schema = RowSchemas.check(Preconditions.checkNotNull(schema, "schema"));
        }

        public Builder json(JsonOptions json) {
            this.json = json;
            return this;
        }

        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        public Builder errorPrefix(String errorPrefix) {
            this.errorPrefix = errorPrefix;
            return this;
        }

        /** Defines partition key {@code name}, read from the record at {@code path}. */
        public Builder partitionKey(String name, String path) {
            partitionKeys.put(name, JsonPath.parse(path));
            return this;
        }

        /** Renders !{timestamp:...} from the record's field at {@code path}. */
        public Builder eventTime(String path) {
            this.timestampSource = TimestampSource.EVENT_TIME;
            this.timestampField = JsonPath.parse(path);
            return this;
        }

        public Builder maxOpenPartitions(int maxOpenPartitions) {
            Preconditions.checkArgument(maxOpenPartitions > 0, "maxOpenPartitions must be > 0");
            this.maxOpenPartitions = maxOpenPartitions;
            return this;
        }

        public Builder fileNamePrefix(String fileNamePrefix) {
            this.fileNamePrefix = fileNamePrefix;
            return this;
        }

        public Builder rolling(long maxFileSizeBytes, Duration inactivity, Duration checkInterval) {
            this.maxFileSizeBytes = maxFileSizeBytes;
            this.inactivityInterval = inactivity;
            this.checkInterval = checkInterval;
            return this;
        }

        public Builder compaction(long sizeThresholdBytes, int checkpoints) {
            this.compaction = true;
            this.compactionSizeThresholdBytes = sizeThresholdBytes;
            this.compactionCheckpoints = checkpoints;
            return this;
        }

        public Builder parquet(ParquetSettings parquet) {
            this.parquet = parquet;
            return this;
        }

        /**
         * Drops a record whose id (the value at {@code path}) was already delivered within {@code
         * window}.
         */
        public Builder dedupe(String path, Duration window) {
            Preconditions.checkArgument(
                    window.compareTo(Duration.ofSeconds(1)) >= 0,
                    "The dedupe window must be at least 1 s, got %s",
                    window);
            this.dedupeField = JsonPath.parse(path);
            this.dedupeWindow = window;
            return this;
        }

        /**
         * @throws dev.riffle.jobs.parquet.prefix.InvalidPrefixException if a prefix breaks a rule
         */
        public DeliverySettings build() {
            return new DeliverySettings(this);
        }
    }
}
