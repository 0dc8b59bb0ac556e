package dev.riffle.jobs.video;

import java.io.Serializable;
import java.time.Duration;

/** The enrichment's tuning, from the {@code enrichment} property group. */
public final class VideoEnrichmentSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public final Duration allowedLateness;
    public final Duration outOfOrderness;
    public final Duration idleness;
    public final double unknownFaceConfidence;
    public final Duration countsWindow;

    public VideoEnrichmentSettings(
            Duration allowedLateness,
            Duration outOfOrderness,
            Duration idleness,
            double unknownFaceConfidence,
            Duration countsWindow) {
        this.allowedLateness = allowedLateness;
        this.outOfOrderness = outOfOrderness;
        this.idleness = idleness;
        this.unknownFaceConfidence = unknownFaceConfidence;
        this.countsWindow = countsWindow;
    }

    /** The defaults of {@link VideoEnrichmentOptions}. */
    public static VideoEnrichmentSettings defaults() {
        return new VideoEnrichmentSettings(
                VideoEnrichmentOptions.ALLOWED_LATENESS.defaultValue(),
                VideoEnrichmentOptions.OUT_OF_ORDERNESS.defaultValue(),
                VideoEnrichmentOptions.IDLENESS.defaultValue(),
                VideoEnrichmentOptions.UNKNOWN_FACE_CONFIDENCE.defaultValue(),
                VideoEnrichmentOptions.COUNTS_WINDOW.defaultValue());
    }
}
