package dev.riffle.jobs.anomaly.config;

import dev.riffle.common.config.GroupSpec;
import dev.riffle.common.config.OptionSpec;
import dev.riffle.common.config.Validators;
import dev.riffle.jobs.anomaly.detector.DetectorSettings;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Duration;

import static org.apache.flink.configuration.ConfigOptions.key;

/**
 * Every key of the DataStream detector, property group {@value #GROUP}. {@link #GROUP_SPEC}
 * declares them with their validators for the configuration loader; README "DataStream detector"
 * lists them; {@code AnomalyOptionsTest} pins every key and default.
 */
@PublicEvolving
public final class AnomalyOptions {
    private AnomalyOptions() {}

    public static final String GROUP = "anomaly-detection";

    public static final ConfigOption<DetectorSettings.Mode> MODE =
            key("detector.mode")
                    .enumType(DetectorSettings.Mode.class)
                    .defaultValue(DetectorSettings.Mode.THRESHOLDED)
                    .withDescription(
                            "THRESHOLDED: the library's thresholded forest with Riffle's scoring"
                                    + " (tuned on NAB). KDA: a plain forest scored as KDA's"
                                    + " RANDOM_CUT_FOREST (set the forest keys to 100 trees,"
                                    + " sample 256, decay 1e-5, shingle 1 to match KDA).");

    public static final ConfigOption<Integer> NUMBER_OF_TREES =
            key("detector.number-of-trees")
                    .intType()
                    .defaultValue(50)
                    .withDescription(
                            "Trees per forest; cost per point and per model grow with it.");

    public static final ConfigOption<Integer> SAMPLE_SIZE =
            key("detector.sample-size")
                    .intType()
                    .defaultValue(256)
                    .withDescription(
                            "Points each tree keeps; also the warm-up (no score before it is"
                                    + " full).");

    public static final ConfigOption<Integer> SHINGLE_SIZE =
            key("detector.shingle-size")
                    .intType()
                    .defaultValue(1)
                    .withDescription(
                            "Consecutive points of a series that form one point of the forest.");

    public static final ConfigOption<Double> TIME_DECAY =
            key("detector.time-decay")
                    .doubleType()
                    .defaultValue(1e-5)
                    .withDescription(
                            "How fast old points lose weight in the sample (1 / number of points"
                                    + " remembered; KDA's timeDecay 100000 is 1e-5).");

    public static final ConfigOption<Double> ANOMALY_RATE =
            key("detector.anomaly-rate")
                    .doubleType()
                    .defaultValue(0.005)
                    .withDescription("Expected share of anomalies, for the library's thresholder.");

    public static final ConfigOption<Boolean> NORMALIZE =
            key("detector.normalize")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Feed the forest values normalised by the series' running mean and"
                                    + " deviation (scored lower on NAB).");

    public static final ConfigOption<Integer> PEAK_WINDOW =
            key("detector.peak-window")
                    .intType()
                    .defaultValue(150)
                    .withDescription(
                            "Peak selection: a score counts fully only if it exceeds every score of"
                                    + " the series' previous N points (else it is halved), so one"
                                    + " sustained anomaly raises one alert. 0 disables it.");

    public static final ConfigOption<Double> ALERT_THRESHOLD =
            key("detector.alert-threshold")
                    .doubleType()
                    .defaultValue(0.72)
                    .withDescription(
                            "Anomaly score in (0, 1] from which a point raises an alert (0.72 is"
                                    + " the NAB-optimal threshold of the defaults, a raw forest"
                                    + " score of about 2.6).");

    public static final ConfigOption<Integer> MAX_LIVE_MODELS =
            key("detector.max-live-models")
                    .intType()
                    .defaultValue(1000)
                    .withDescription(
                            "Models kept in memory per operator instance (about 480 KB of heap each"
                                    + " with the defaults); beyond it the least recently used is"
                                    + " written to state and dropped, and reloaded when its series"
                                    + " sends a point.");

    public static final ConfigOption<Duration> MODEL_TTL =
            key("detector.model-ttl")
                    .durationType()
                    .defaultValue(Duration.ofDays(7))
                    .withDescription(
                            "A series silent this long (processing time) loses its model and starts"
                                    + " a fresh one; 0 keeps models forever.");

    public static final ConfigOption<Integer> SNAPSHOT_INTERVAL =
            key("detector.snapshot-interval")
                    .intType()
                    .defaultValue(1000)
                    .withDescription(
                            "Points a series logs in state before its whole forest is written"
                                    + " again; a restore replays at most this many points per"
                                    + " series.");

    public static final ConfigOption<Duration> SERIES_INTERVAL =
            key("series.interval")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "Event-time bucket of the per-merchant series (transactions per"
                                    + " interval, checkout error rate per interval).");

    public static final ConfigOption<Integer> SERIES_MIN_CHECKOUTS =
            key("series.min-checkouts")
                    .intType()
                    .defaultValue(10)
                    .withDescription(
                            "Checkouts a merchant needs in an interval for its error rate to be a"
                                    + " point of its series (fewer give no point): a rate over a"
                                    + " handful of requests is noise, as in the SQL rule's minimum"
                                    + " volume.");

    public static final ConfigOption<Duration> SERIES_OUT_OF_ORDERNESS =
            key("series.out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "How far behind the newest event of its shard an event may arrive and"
                                    + " still count in its interval (the watermark's bounded"
                                    + " out-of-orderness); an event later than that is a dead"
                                    + " letter (LATE_DATA). Raise it for producers that batch or"
                                    + " replay; intervals then close that much later.");

    public static final ConfigOption<Duration> SERIES_DEDUPE_WINDOW =
            key("series.dedupe.window")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "How long (processing time, from its first sighting) an eventId is"
                                    + " remembered so that a copy of the event is dropped before it"
                                    + " counts: ingestion writes [events] at least once and"
                                    + " replays after a restore, which would double a count. Keep"
                                    + " it well above a restore's replay (checkpoint interval plus"
                                    + " restart); state is one entry per eventId seen in the"
                                    + " window. Events without an eventId pass. 0 turns"
                                    + " deduplication off.");

    public static final GroupSpec GROUP_SPEC =
            GroupSpec.builder(GROUP)
                    .description(
                            "How the DataStream detector models series. Optional: every key has a"
                                    + " default.")
                    .optional()
                    .option(OptionSpec.optional(MODE))
                    .option(
                            OptionSpec.optional(NUMBER_OF_TREES)
                                    .validatedBy(Validators.range(1, 1000)))
                    .option(
                            OptionSpec.optional(SAMPLE_SIZE)
                                    .validatedBy(Validators.range(10, 2048)))
                    .option(OptionSpec.optional(SHINGLE_SIZE).validatedBy(Validators.range(1, 64)))
                    .option(
                            OptionSpec.optional(TIME_DECAY)
                                    .validatedBy(
                                            Validators.check(
                                                    (Double d) -> d >= 0 && d < 1,
                                                    "must be at least 0 and below 1",
                                                    "a rate such as 1e-5")))
                    .option(
                            OptionSpec.optional(ANOMALY_RATE)
                                    .validatedBy(
                                            Validators.check(
                                                    (Double d) -> d > 0 && d < 0.5,
                                                    "must be above 0 and below 0.5",
                                                    "a share such as 0.005")))
                    .option(OptionSpec.optional(NORMALIZE))
                    .option(
                            OptionSpec.optional(PEAK_WINDOW)
                                    .validatedBy(Validators.range(0, 100_000)))
                    .option(
                            OptionSpec.optional(ALERT_THRESHOLD)
                                    .validatedBy(
                                            Validators.check(
                                                    (Double d) -> d > 0 && d <= 1,
                                                    "must be above 0 and at most 1",
                                                    "a score such as 0.72")))
                    .option(OptionSpec.optional(MAX_LIVE_MODELS).validatedBy(Validators.atLeast(1)))
                    .option(
                            OptionSpec.optional(MODEL_TTL)
                                    .validatedBy(
                                            Validators.check(
                                                    (Duration d) -> !d.isNegative(),
                                                    "must not be negative",
                                                    "a duration such as '7 d', or 0 for forever")))
                    .option(
                            OptionSpec.optional(SNAPSHOT_INTERVAL)
                                    .validatedBy(Validators.atLeast(1)))
                    .option(
                            OptionSpec.optional(SERIES_INTERVAL)
                                    .validatedBy(
                                            Validators.check(
                                                    (Duration d) -> d.toMillis() >= 1000,
                                                    "must be at least one second",
                                                    "a duration such as '1 min'")))
                    .option(
                            OptionSpec.optional(SERIES_MIN_CHECKOUTS)
                                    .validatedBy(Validators.atLeast(1)))
                    .option(
                            OptionSpec.optional(SERIES_OUT_OF_ORDERNESS)
                                    .validatedBy(
                                            Validators.check(
                                                    (Duration d) -> !d.isNegative(),
                                                    "must not be negative",
                                                    "a duration such as '5 s'")))
                    .option(
                            OptionSpec.optional(SERIES_DEDUPE_WINDOW)
                                    .validatedBy(
                                            Validators.check(
                                                    (Duration d) ->
                                                            d.isZero()
                                                                    || d.compareTo(
                                                                                    Duration
                                                                                            .ofSeconds(
                                                                                                    1))
                                                                            >= 0,
                                                    "a window must be at least 1 s to outlast a"
                                                            + " replay",
                                                    "0 (off), or a duration of at least 1 s such"
                                                            + " as '10 min'")))
                    .build();

    /** The detector settings a configuration group describes (defaults for unset keys). */
    public static DetectorSettings detectorSettings(ReadableConfig c) {
        return DetectorSettings.builder()
                .mode(c.get(MODE))
                .numberOfTrees(c.get(NUMBER_OF_TREES))
                .sampleSize(c.get(SAMPLE_SIZE))
                .shingleSize(c.get(SHINGLE_SIZE))
                .timeDecay(c.get(TIME_DECAY))
                .anomalyRate(c.get(ANOMALY_RATE))
                .normalize(c.get(NORMALIZE))
                .peakWindow(c.get(PEAK_WINDOW))
                .alertThreshold(c.get(ALERT_THRESHOLD))
                .maxLiveModels(c.get(MAX_LIVE_MODELS))
                .modelTtl(c.get(MODEL_TTL))
                .snapshotInterval(c.get(SNAPSHOT_INTERVAL))
                .build();
    }
}
