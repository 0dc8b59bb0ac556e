package dev.riffle.jobs.video.enrich;

import dev.riffle.jobs.video.model.CameraCounts;
import dev.riffle.jobs.video.model.Detection;
import dev.riffle.jobs.video.model.EnrichedDetection;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Per-camera counts of one window: detections, faces, unknown faces, labels. */
public final class CountDetections
        implements AggregateFunction<EnrichedDetection, CameraCounts, CameraCounts> {
    private static final long serialVersionUID = 1L;

    @Override
    public CameraCounts createAccumulator() {
        return new CameraCounts();
    }

    @Override
    public CameraCounts add(EnrichedDetection e, CameraCounts acc) {
        acc.cameraKey = e.cameraKey();
        acc.streamArn = e.detection.streamArn;
        acc.site = e.camera != null ? e.camera.site : null;
        acc.detections++;
        if (e.detection.kind == Detection.Kind.FACE) {
            acc.faces++;
        } else {
            acc.labels++;
        }
        if (e.unknownFace) {
            acc.unknownFaces++;
        }
        return acc;
    }

    @Override
    public CameraCounts getResult(CameraCounts acc) {
        return acc;
    }

    @Override
    public CameraCounts merge(CameraCounts a, CameraCounts b) {
        a.detections += b.detections;
        a.faces += b.faces;
        a.labels += b.labels;
        a.unknownFaces += b.unknownFaces;
        return a;
    }

    /** Stamps the window bounds on the counts. */
    public static final class WithWindow
            extends ProcessWindowFunction<CameraCounts, CameraCounts, String, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(
                String key,
                Context context,
                Iterable<CameraCounts> counts,
                Collector<CameraCounts> out) {
            for (CameraCounts c : counts) {
                c.windowStartMillis = context.window().getStart();
                c.windowEndMillis = context.window().getEnd();
                out.collect(c);
            }
        }
    }
}
