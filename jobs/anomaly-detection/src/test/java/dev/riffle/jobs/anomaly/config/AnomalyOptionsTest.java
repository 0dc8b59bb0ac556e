package dev.riffle.jobs.anomaly.config;

import dev.riffle.common.config.InvalidConfigurationException;
import dev.riffle.common.config.JobConfigLoader;
import dev.riffle.jobs.anomaly.AnomalyDetectionJob;
import dev.riffle.jobs.anomaly.detector.DetectorSettings;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pins every key and default of the detector (README documents them). */
class AnomalyOptionsTest {

    @Test
    void pinsEveryKeyAndItsDescription() throws Exception {
        List<String> keys = new ArrayList<>();
        for (Field f : AnomalyOptions.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.get(null) instanceof ConfigOption) {
                ConfigOption<?> o = (ConfigOption<?>) f.get(null);
                assertThat(o.description().toString()).as(o.key()).isNotBlank();
                keys.add(o.key());
            }
        }
        assertThat(keys)
                .containsExactlyInAnyOrder(
                        "detector.mode",
                        "detector.number-of-trees",
                        "detector.sample-size",
                        "detector.shingle-size",
                        "detector.time-decay",
                        "detector.anomaly-rate",
                        "detector.normalize",
                        "detector.peak-window",
                        "detector.alert-threshold",
                        "detector.max-live-models",
                        "detector.model-ttl",
                        "detector.snapshot-interval",
                        "series.interval",
                        "series.min-checkouts",
                        "series.out-of-orderness",
                        "series.dedupe.window");
        assertThat(AnomalyOptions.GROUP_SPEC.keys()).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void aDedupeWindowBelowOneSecondFailsAtStartNamingKeyValueAndWhatIsAccepted(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("anomaly-detection.json");
        Files.writeString(
                file,
                "[{\"PropertyGroupId\":\"anomaly-detection\",\"PropertyMap\":"
                        + "{\"series.dedupe.window\":\"500 ms\"}}]");

        assertThatThrownBy(
                        () ->
                                JobConfigLoader.builder(AnomalyDetectionJob.SCHEMA)
                                        .build()
                                        .load(new String[] {"--config", file.toString()}))
                .isInstanceOfSatisfying(
                        InvalidConfigurationException.class,
                        e ->
                                assertThat(e.problems())
                                        .contains(
                                                "Invalid value '500 ms' for configuration"
                                                    + " 'anomaly-detection.series.dedupe.window': a"
                                                    + " window must be at least 1 s to outlast a"
                                                    + " replay. Accepted: 0 (off), or a duration of"
                                                    + " at least 1 s such as '10 min'"));
    }

    @Test
    void anEmptyGroupGivesTheTunedDefaults() {
        DetectorSettings s = AnomalyOptions.detectorSettings(new Configuration());

        assertThat(s.mode()).isEqualTo(DetectorSettings.Mode.THRESHOLDED);
        assertThat(s.numberOfTrees()).isEqualTo(50);
        assertThat(s.sampleSize()).isEqualTo(256);
        assertThat(s.shingleSize()).isEqualTo(1);
        assertThat(s.timeDecay()).isEqualTo(1e-5);
        assertThat(s.anomalyRate()).isEqualTo(0.005);
        assertThat(s.normalize()).isFalse();
        assertThat(s.peakWindow()).isEqualTo(150);
        assertThat(s.alertThreshold()).isEqualTo(0.72);
        assertThat(s.maxLiveModels()).isEqualTo(1000);
        assertThat(s.modelTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(s.snapshotInterval()).isEqualTo(1000);
        assertThat(new Configuration().get(AnomalyOptions.SERIES_INTERVAL))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(new Configuration().get(AnomalyOptions.SERIES_MIN_CHECKOUTS)).isEqualTo(10);
        assertThat(new Configuration().get(AnomalyOptions.SERIES_OUT_OF_ORDERNESS))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(new Configuration().get(AnomalyOptions.SERIES_DEDUPE_WINDOW))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(DetectorSettings.defaults().toString()).isEqualTo(s.toString());
    }

    @Test
    void kdaCompatibleIsKdasRandomCutForest() {
        DetectorSettings kda = DetectorSettings.kdaCompatible();

        assertThat(kda.mode()).isEqualTo(DetectorSettings.Mode.KDA);
        assertThat(kda.numberOfTrees()).isEqualTo(100);
        assertThat(kda.sampleSize()).isEqualTo(256);
        assertThat(kda.timeDecay()).isEqualTo(1e-5);
        assertThat(kda.shingleSize()).isEqualTo(1);
        assertThat(kda.peakWindow()).isZero();
    }
}
