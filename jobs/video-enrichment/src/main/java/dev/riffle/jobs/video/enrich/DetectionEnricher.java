package dev.riffle.jobs.video.enrich;

import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.jobs.video.model.Camera;
import dev.riffle.jobs.video.model.Detection;
import dev.riffle.jobs.video.model.EnrichedDetection;
import dev.riffle.jobs.video.model.FragmentInfo;
import dev.riffle.jobs.video.model.RegistrySnapshot;
import dev.riffle.jobs.video.model.VideoEvent;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Joins detections with their KVS fragment (keyed by stream ARN and fragment number, in event time)
 * and adds the camera from the broadcast registry.
 *
 * <ul>
 *   <li>A detection whose fragment is known is emitted at once; otherwise it waits until its frame
 *       time plus the allowed lateness, then is emitted flagged {@code FRAGMENT_NOT_SEEN} (with the
 *       replay information Rekognition gave: nothing is lost).
 *   <li>A fragment is kept until its end plus the allowed lateness, then its state is cleared.
 *   <li>A detection or fragment that arrives when the watermark is already past its time plus the
 *       allowed lateness is late: it is counted and sent to the dead-letter output.
 *   <li>Until the first registry snapshot arrives, joined detections wait in state and are emitted
 *       when it does. A registry that cannot be read leaves the previous one in force.
 * </ul>
 */
public class DetectionEnricher
        extends KeyedBroadcastProcessFunction<
                String, VideoEvent, RegistrySnapshot, EnrichedDetection> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DetectionEnricher.class);

    /** Broadcast state: the cameras by stream ARN. */
    public static final MapStateDescriptor<String, Camera> CAMERAS =
            new MapStateDescriptor<>("cameras", Types.STRING, Types.POJO(Camera.class));

    /** Broadcast state: the registry version in force ({@value #VERSION}). */
    public static final MapStateDescriptor<String, String> REGISTRY =
            new MapStateDescriptor<>("registry", Types.STRING, Types.STRING);

    static final String VERSION = "version";

    private static final ListStateDescriptor<EnrichedDetection> AWAITING_REGISTRY =
            new ListStateDescriptor<>("awaiting-registry", Types.POJO(EnrichedDetection.class));

    private final long allowedLatenessMillis;
    private final double unknownFaceConfidence;
    private final OutputTag<DeadLetter> deadLetters;

    private transient ValueState<FragmentInfo> fragment;
    private transient ListState<Detection> pending;
    private transient ListState<EnrichedDetection> awaitingRegistry;
    private transient Counters counters;

    public DetectionEnricher(
            long allowedLatenessMillis,
            double unknownFaceConfidence,
            OutputTag<DeadLetter> deadLetters) {
        this.allowedLatenessMillis = allowedLatenessMillis;
        this.unknownFaceConfidence = unknownFaceConfidence;
        this.deadLetters = deadLetters;
    }

    @Override
    public void open(OpenContext context) {
        fragment =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "fragment", Types.POJO(FragmentInfo.class)));
        pending =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "pending-detections", Types.POJO(Detection.class)));
        awaitingRegistry = getRuntimeContext().getListState(AWAITING_REGISTRY);
        counters = new Counters(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(
            VideoEvent event, ReadOnlyContext ctx, Collector<EnrichedDetection> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (event.detection != null) {
            Detection d = event.detection;
            if (isLate(d.frameTimeMillis, watermark)) {
                counters.lateDetections.inc();
                ctx.output(
                        deadLetters,
                        DeadLetters.late(
                                d,
                                lateMessage("detection", d.frameTimeMillis),
                                d.sourceStream,
                                d.sourceShard,
                                d.sourceSequenceNumber));
                return;
            }
            FragmentInfo f = fragment.value();
            if (f != null) {
                emit(join(d, f), ctx.getBroadcastState(CAMERAS), registryLoaded(ctx), out);
            } else {
                pending.add(d);
                ctx.timerService().registerEventTimeTimer(deadline(d));
            }
            return;
        }
        FragmentInfo f = event.fragment;
        if (fragment.value() != null) {
            counters.duplicateFragments.inc();
            return;
        }
        if (isLate(f.endMillis(), watermark)) {
            counters.lateFragments.inc();
            ctx.output(
                    deadLetters,
                    DeadLetters.late(
                            f, lateMessage("fragment", f.endMillis()), f.streamArn, null, null));
            return;
        }
        fragment.update(f);
        for (Detection d : pending.get()) {
            ctx.timerService().deleteEventTimeTimer(deadline(d));
            emit(join(d, f), ctx.getBroadcastState(CAMERAS), registryLoaded(ctx), out);
        }
        pending.clear();
        ctx.timerService().registerEventTimeTimer(f.endMillis() + allowedLatenessMillis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EnrichedDetection> out)
            throws Exception {
        FragmentInfo f = fragment.value();
        if (f != null) {
            if (timestamp >= f.endMillis() + allowedLatenessMillis) {
                fragment.clear();
            }
            return;
        }
        List<Detection> waiting = new ArrayList<>();
        for (Detection d : pending.get()) {
            if (deadline(d) <= timestamp) {
                counters.fragmentsNotSeen.inc();
                emit(join(d, null), ctx.getBroadcastState(CAMERAS), registryLoaded(ctx), out);
            } else {
                waiting.add(d);
            }
        }
        if (waiting.isEmpty()) {
            pending.clear();
        } else {
            pending.update(waiting);
        }
    }

    @Override
    public void processBroadcastElement(
            RegistrySnapshot snapshot, Context ctx, Collector<EnrichedDetection> out)
            throws Exception {
        BroadcastState<String, String> registry = ctx.getBroadcastState(REGISTRY);
        BroadcastState<String, Camera> cameras = ctx.getBroadcastState(CAMERAS);
        boolean wasLoaded = registry.contains(VERSION);
        if (!snapshot.isValid()) {
            counters.registryErrors.inc();
            LOG.warn(
                    "Camera registry could not be used ({}); {}",
                    snapshot.error,
                    wasLoaded ? "keeping the previous one" : "no camera is registered yet");
            if (wasLoaded) {
                return;
            }
            registry.put(VERSION, "none");
        } else if (snapshot.version.equals(registry.get(VERSION))) {
            return;
        } else {
            cameras.clear();
            for (Map.Entry<String, Camera> c : snapshot.cameras.entrySet()) {
                cameras.put(c.getKey(), c.getValue());
            }
            registry.put(VERSION, snapshot.version);
            counters.registryUpdates.inc();
            LOG.info(
                    "Camera registry {} in force: {} cameras",
                    snapshot.version,
                    snapshot.cameras.size());
        }
        if (!wasLoaded) {
            ctx.applyToKeyedState(
                    AWAITING_REGISTRY,
                    (key, state) -> {
                        for (EnrichedDetection e : state.get()) {
                            withCamera(e, cameras.get(e.detection.streamArn));
                            out.collect(e);
                        }
                        state.clear();
                    });
        }
    }

    private void emit(
            EnrichedDetection e,
            ReadOnlyBroadcastState<String, Camera> cameras,
            boolean registryLoaded,
            Collector<EnrichedDetection> out)
            throws Exception {
        if (!registryLoaded) {
            awaitingRegistry.add(e);
            return;
        }
        withCamera(e, cameras.get(e.detection.streamArn));
        if (e.unregisteredCamera) {
            counters.unregistered.inc();
        }
        if (e.unknownFace) {
            counters.unknownFaces.inc();
        }
        out.collect(e);
    }

    private static boolean registryLoaded(ReadOnlyContext ctx) throws Exception {
        return ctx.getBroadcastState(REGISTRY).contains(VERSION);
    }

    /** The detection joined with its fragment (null when it never came), without the camera. */
    EnrichedDetection join(Detection d, @Nullable FragmentInfo f) {
        EnrichedDetection e = new EnrichedDetection();
        e.detection = d;
        e.fragment = f;
        e.frameTimeMillis = d.frameTimeMillis;
        e.replayStreamArn = d.streamArn;
        e.replayFragmentNumber = d.fragmentNumber;
        e.replayStartMillis = f != null ? f.producerTimestampMillis : d.producerTimestampMillis;
        e.replayEndMillis = f != null ? f.endMillis() : Math.max(d.frameTimeMillis, 0);
        e.fragmentNotSeen = f == null;
        e.unknownFace = d.isUnmatchedFace() && d.confidence >= unknownFaceConfidence;
        return e;
    }

    static void withCamera(EnrichedDetection e, @Nullable Camera camera) {
        e.camera = camera;
        e.unregisteredCamera = camera == null;
        e.frameLocalTime = null;
        if (camera != null && camera.timezone != null) {
            e.frameLocalTime =
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                            Instant.ofEpochMilli(e.frameTimeMillis)
                                    .atZone(ZoneId.of(camera.timezone)));
        }
    }

    private boolean isLate(long eventTime, long watermark) {
        return watermark != Long.MIN_VALUE && eventTime + allowedLatenessMillis < watermark;
    }

    private long deadline(Detection d) {
        return d.frameTimeMillis + allowedLatenessMillis;
    }

    private String lateMessage(String what, long time) {
        return "late "
                + what
                + ": event time "
                + time
                + " is more than the allowed lateness ("
                + allowedLatenessMillis
                + " ms) behind the watermark";
    }

    /** The enricher's counters, in the operator's metric group. */
    private static final class Counters {
        final Counter lateDetections;
        final Counter lateFragments;
        final Counter duplicateFragments;
        final Counter fragmentsNotSeen;
        final Counter unknownFaces;
        final Counter unregistered;
        final Counter registryUpdates;
        final Counter registryErrors;

        Counters(MetricGroup group) {
            lateDetections = group.counter("lateDetections");
            lateFragments = group.counter("lateFragments");
            duplicateFragments = group.counter("duplicateFragments");
            fragmentsNotSeen = group.counter("fragmentsNotSeen");
            unknownFaces = group.counter("unknownFaces");
            unregistered = group.counter("unregisteredCameraDetections");
            registryUpdates = group.counter("registryUpdates");
            registryErrors = group.counter("registryErrors");
        }
    }
}
