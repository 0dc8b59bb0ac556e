package dev.riffle.jobs.anomaly.detector;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** Wires the keyed detector into a pipeline. */
@PublicEvolving
public final class AnomalyDetectors {
    /** The uid of the detector operator; its state (models) is restored by this id. */
    public static final String DETECTOR_UID = "rcf-detector";

    private AnomalyDetectors() {}

    /** Scores every point of every series with that series' own model. */
    public static SingleOutputStreamOperator<ScoredPoint> score(
            DataStream<SeriesPoint> points, DetectorSettings settings) {
        return points.keyBy(p -> p.key)
                .transform(
                        "rcf-detector",
                        TypeInformation.of(ScoredPoint.class),
                        new KeyedRcfOperator(settings))
                .uid(DETECTOR_UID)
                .name("Random Cut Forest per series");
    }
}
