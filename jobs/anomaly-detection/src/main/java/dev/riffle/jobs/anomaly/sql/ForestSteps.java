package dev.riffle.jobs.anomaly.sql;

import org.apache.flink.annotation.Internal;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.returntypes.DiVector;

/** The per-row work of the two functions: score (and explain), then learn the point. */
@Internal
final class ForestSteps {
    private ForestSteps() {}

    /** KDA's RANDOM_CUT_FOREST: the score of the point before the model learns it. */
    static double score(RandomCutForest forest, double[] point) {
        double score = forest.getAnomalyScore(point);
        forest.update(point);
        return score;
    }

    /** Score plus attribution (high and low parts per shingled dimension). */
    static Explained explain(RandomCutForest forest, double[] point) {
        double score = forest.getAnomalyScore(point);
        DiVector attribution = score > 0 ? forest.getAnomalyAttribution(point) : null;
        forest.update(point);
        return new Explained(score, attribution);
    }

    /** A score and its attribution (null while the model warms up). */
    static final class Explained {
        final double score;
        final DiVector attribution;

        Explained(double score, DiVector attribution) {
            this.score = score;
            this.attribution = attribution;
        }
    }
}
