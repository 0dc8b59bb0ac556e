package dev.riffle.jobs.video;

import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.common.event.RawRecord;
import dev.riffle.connector.kvs.KvsFragment;
import dev.riffle.jobs.video.enrich.CountDetections;
import dev.riffle.jobs.video.enrich.DeadLetters;
import dev.riffle.jobs.video.enrich.DetectionEnricher;
import dev.riffle.jobs.video.enrich.FrameTime;
import dev.riffle.jobs.video.model.CameraCounts;
import dev.riffle.jobs.video.model.Detection;
import dev.riffle.jobs.video.model.EnrichedDetection;
import dev.riffle.jobs.video.model.FragmentInfo;
import dev.riffle.jobs.video.model.RegistrySnapshot;
import dev.riffle.jobs.video.model.VideoEvent;
import dev.riffle.jobs.video.rekognition.ParseRekognition;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The job as a function from streams to streams, so tests can feed it: Rekognition records, KVS
 * fragments and camera registry snapshots in; enriched detections, per-camera counts and dead
 * letters out. {@link VideoEnrichmentJob#main} wires the real sources and sinks around it.
 *
 * <pre>
 * rekognition --parse--> detections --\
 *                                      +--(key: stream|fragment)--> enrich <--(broadcast)-- registry
 * fragments ---------------------------/          |          \
 *                                      enriched detections  dead letters (late)
 *                                                 |
 *                                     counts per camera and window
 * </pre>
 */
public final class VideoEnrichmentPipeline {
    private VideoEnrichmentPipeline() {}

    /** The job's outputs. */
    public static final class Outputs {
        public final DataStream<EnrichedDetection> detections;
        public final DataStream<CameraCounts> counts;
        public final DataStream<DeadLetter> deadLetters;

        Outputs(
                DataStream<EnrichedDetection> detections,
                DataStream<CameraCounts> counts,
                DataStream<DeadLetter> deadLetters) {
            this.detections = detections;
            this.counts = counts;
            this.deadLetters = deadLetters;
        }
    }

    public static Outputs build(
            DataStream<RawRecord> rekognition,
            DataStream<KvsFragment> fragments,
            DataStream<RegistrySnapshot> registry,
            VideoEnrichmentSettings settings) {
        OutputTag<DeadLetter> deadLetterTag =
                new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

        SingleOutputStreamOperator<Detection> detections =
                rekognition
                        .process(new ParseRekognition(deadLetterTag))
                        .uid("parse-rekognition")
                        .name("Parse Rekognition records");
        DataStream<VideoEvent> detectionEvents =
                detections
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Detection>forBoundedOutOfOrderness(
                                                settings.outOfOrderness)
                                        .withTimestampAssigner((d, ts) -> d.frameTimeMillis)
                                        .withIdleness(settings.idleness))
                        .uid("detection-watermarks")
                        .name("Detection event time")
                        .map(VideoEvent::of)
                        .uid("detection-events")
                        .name("Detections to join");
        DataStream<VideoEvent> fragmentEvents =
                fragments
                        .filter(f -> f.getFragmentNumber() != null)
                        .uid("fragments-with-numbers")
                        .name("Fragments with KVS numbers")
                        .map(FragmentInfo::of)
                        .uid("fragment-info")
                        .name("Fragment metadata")
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<FragmentInfo>forBoundedOutOfOrderness(
                                                settings.outOfOrderness)
                                        .withTimestampAssigner((f, ts) -> f.producerTimestampMillis)
                                        .withIdleness(settings.idleness))
                        .uid("fragment-watermarks")
                        .name("Fragment event time")
                        .map(VideoEvent::of)
                        .uid("fragment-events")
                        .name("Fragments to join");

        // Registry snapshots carry no event time. Left alone, the registry input's watermark stays
        // at its minimum and holds back the join's output watermark, so on a live job no counts
        // window fires and no fragment is ever evicted. Marked idle, the join's watermark is that
        // of its keyed input alone (and idle when that is idle too).
        BroadcastStream<RegistrySnapshot> cameras =
                registry.assignTimestampsAndWatermarks(
                                WatermarkStrategy.forGenerator(ctx -> new NoEventTime()))
                        .uid("registry-watermarks")
                        .name("Registry: no event time")
                        .broadcast(DetectionEnricher.CAMERAS, DetectionEnricher.REGISTRY);
        SingleOutputStreamOperator<EnrichedDetection> enriched =
                detectionEvents
                        .union(fragmentEvents)
                        .keyBy(VideoEvent::fragmentKey)
                        .connect(cameras)
                        .process(
                                new DetectionEnricher(
                                        settings.allowedLateness.toMillis(),
                                        settings.unknownFaceConfidence,
                                        deadLetterTag))
                        .uid("enrich-detections")
                        .name("Join fragments, add cameras");

        OutputTag<EnrichedDetection> tooLate =
                new OutputTag<>("late-for-counts", TypeInformation.of(EnrichedDetection.class));
        SingleOutputStreamOperator<CameraCounts> counts =
                enriched.transform("Frame time as event time", enriched.getType(), new FrameTime())
                        .uid("frame-time")
                        .keyBy(EnrichedDetection::cameraKey)
                        .window(TumblingEventTimeWindows.of(settings.countsWindow))
                        .allowedLateness(settings.allowedLateness)
                        .sideOutputLateData(tooLate)
                        .aggregate(new CountDetections(), new CountDetections.WithWindow())
                        .uid("camera-counts")
                        .name("Counts per camera");

        DataStream<DeadLetter> lateForCounts =
                counts.getSideOutput(tooLate)
                        .map(VideoEnrichmentPipeline::lateForCounts)
                        .uid("late-for-counts")
                        .name("Too late for counts");
        DataStream<DeadLetter> deadLetters =
                detections
                        .getSideOutput(deadLetterTag)
                        .union(enriched.getSideOutput(deadLetterTag), lateForCounts);
        return new Outputs(enriched, counts, deadLetters);
    }

    /** Marks its input idle: an input whose records have no event time. */
    static final class NoEventTime implements WatermarkGenerator<RegistrySnapshot> {
        @Override
        public void onEvent(RegistrySnapshot event, long timestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.markIdle();
        }
    }

    private static DeadLetter lateForCounts(EnrichedDetection e) {
        return DeadLetters.late(
                e,
                "late for counts: the detection at "
                        + e.frameTimeMillis
                        + " arrived after its counts window closed (it is in the detections"
                        + " output)",
                e.detection.sourceStream,
                e.detection.sourceShard,
                e.detection.sourceSequenceNumber);
    }
}
