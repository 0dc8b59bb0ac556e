package dev.riffle.jobs.video.enrich;

import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.jobs.video.model.Camera;
import dev.riffle.jobs.video.model.Detection;
import dev.riffle.jobs.video.model.EnrichedDetection;
import dev.riffle.jobs.video.model.FragmentInfo;
import dev.riffle.jobs.video.model.RegistrySnapshot;
import dev.riffle.jobs.video.model.VideoEvent;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The join and enrichment operator in a test harness: what it emits, what it sends to dead letters,
 * and that it leaves no keyed state and no timer behind.
 */
class DetectionEnricherTest {
    private static final String DOOR = "arn:aws:kinesisvideo:us-east-1:000000000000:stream/door/1";
    private static final String YARD = "arn:aws:kinesisvideo:us-east-1:000000000000:stream/yard/2";
    private static final long LATENESS = 10_000;
    private static final long T0 = 1_700_000_000_000L;
    private static final OutputTag<DeadLetter> DEAD =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));
    private static final Camera DOOR_CAMERA =
            new Camera(DOOR, "door-1", "hq", "front door", "Europe/Paris", "facilities", 30);

    private KeyedBroadcastOperatorTestHarness<
                    String, VideoEvent, RegistrySnapshot, EnrichedDetection>
            harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new DetectionEnricher(LATENESS, 90.0, DEAD),
                        VideoEvent::fragmentKey,
                        Types.STRING,
                        DetectionEnricher.CAMERAS,
                        DetectionEnricher.REGISTRY);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static RegistrySnapshot registry(String version, Camera... cameras) {
        return RegistrySnapshot.of(
                version,
                java.util.Arrays.stream(cameras)
                        .collect(Collectors.toMap(c -> c.streamArn, c -> c)),
                0);
    }

    private static FragmentInfo fragment(String stream, String number, long producer) {
        FragmentInfo f = new FragmentInfo();
        f.streamArn = stream;
        f.fragmentNumber = number;
        f.producerTimestampMillis = producer;
        f.serverTimestampMillis = producer + 300;
        f.durationMillis = 2000;
        f.frameCount = 60;
        f.codec = "V_MPEG4/ISO/AVC";
        f.width = 1280;
        f.height = 720;
        return f;
    }

    private static Detection face(
            String stream, String number, long producer, long offset, String match, double conf) {
        Detection d = new Detection();
        d.detectionId = stream + number + offset + match;
        d.kind = Detection.Kind.FACE;
        d.label = "FACE";
        d.streamArn = stream;
        d.fragmentNumber = number;
        d.producerTimestampMillis = producer;
        d.frameOffsetMillis = offset;
        d.frameTimeMillis = producer + offset;
        d.confidence = conf;
        d.matchedFaceId = match;
        return d;
    }

    private void detection(Detection d) throws Exception {
        harness.processElement(VideoEvent.of(d), d.frameTimeMillis);
    }

    private void fragment(FragmentInfo f) throws Exception {
        harness.processElement(VideoEvent.of(f), f.producerTimestampMillis);
    }

    /** Entries in every keyed state of the operator (the broadcast harness has no shortcut). */
    private int keyedStateEntries() {
        AbstractStreamOperator<?> operator =
                (AbstractStreamOperator<?>) harness.getTwoInputOperator();
        return ((HeapKeyedStateBackend<?>) operator.getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    private List<DeadLetter> deadLetters() {
        return harness.getSideOutput(DEAD) == null
                ? List.of()
                : harness.getSideOutput(DEAD).stream()
                        .map(StreamRecord::getValue)
                        .collect(Collectors.toList());
    }

    @Test
    void detectionWaitingForItsFragmentIsJoinedWhenItArrivesAndStateIsClearedAfterLateness()
            throws Exception {
        harness.processBroadcastElement(registry("v1", DOOR_CAMERA), 0);
        detection(face(DOOR, "100", T0, 1500, null, 95.0));
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        fragment(fragment(DOOR, "100", T0));

        List<EnrichedDetection> out = harness.extractOutputValues();
        assertThat(out).hasSize(1);
        EnrichedDetection e = out.get(0);
        assertThat(e.camera).isEqualTo(DOOR_CAMERA);
        assertThat(e.frameTimeMillis).isEqualTo(T0 + 1500);
        assertThat(e.frameLocalTime).isEqualTo("2023-11-14T23:13:21.5+01:00");
        assertThat(e.fragment.frameCount).isEqualTo(60);
        assertThat(e.replayStreamArn).isEqualTo(DOOR);
        assertThat(e.replayFragmentNumber).isEqualTo("100");
        assertThat(e.replayStartMillis).isEqualTo(T0);
        assertThat(e.replayEndMillis).isEqualTo(T0 + 2000);
        assertThat(e.flags()).containsExactly(EnrichedDetection.UNKNOWN_FACE);

        // A later detection of the same fragment joins at once.
        detection(face(DOOR, "100", T0, 1800, "alice", 99.0));
        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(harness.extractOutputValues().get(1).flags()).isEmpty();

        harness.watermark(T0 + 2000 + LATENESS);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void detectionWhoseFragmentNeverComesIsEmittedFlaggedAfterTheLateness() throws Exception {
        harness.processBroadcastElement(registry("v1", DOOR_CAMERA), 0);
        detection(face(DOOR, "200", T0, 500, "bob", 99.0));

        harness.watermark(T0 + 500 + LATENESS - 1);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.watermark(T0 + 500 + LATENESS);

        EnrichedDetection e = harness.extractOutputValues().get(0);
        assertThat(e.flags()).containsExactly(EnrichedDetection.FRAGMENT_NOT_SEEN);
        assertThat(e.fragment).isNull();
        assertThat(e.replayFragmentNumber).isEqualTo("200");
        assertThat(e.replayStartMillis).isEqualTo(T0);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void lateDetectionsAndFragmentsGoToDeadLettersAndLeaveNoState() throws Exception {
        harness.processBroadcastElement(registry("v1", DOOR_CAMERA), 0);
        harness.watermark(T0 + 60_000);

        detection(face(DOOR, "300", T0, 0, null, 99.0));
        fragment(fragment(DOOR, "301", T0 + 2000));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(deadLetters()).extracting(d -> d.errorType).containsOnly("LATE_DATA");
        assertThat(deadLetters().get(0).errorMessage)
                .startsWith("late detection")
                .contains("allowed lateness (10000 ms)");
        assertThat(deadLetters().get(1).errorMessage).startsWith("late fragment");
        assertThat(new String(deadLetters().get(0).raw, java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"fragmentNumber\":\"300\"");
        assertThat(deadLetters().get(0).jobName).isEqualTo("riffle-video-enrichment");
        assertThat(deadLetters().get(1).sourceStream).isEqualTo(DOOR);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void unregisteredCamerasAreFlaggedAndRegistryUpdatesApplyToLaterDetections() throws Exception {
        harness.processBroadcastElement(registry("v1", DOOR_CAMERA), 0);
        fragment(fragment(YARD, "400", T0));
        detection(face(YARD, "400", T0, 100, "carol", 99.0));

        Camera yard = new Camera(YARD, "yard-1", "hq", "yard", "UTC", "security", 7);
        harness.processBroadcastElement(registry("v2", DOOR_CAMERA, yard), 0);
        detection(face(YARD, "400", T0, 200, "carol", 99.0));

        List<EnrichedDetection> out = harness.extractOutputValues();
        assertThat(out.get(0).flags()).containsExactly(EnrichedDetection.UNREGISTERED_CAMERA);
        assertThat(out.get(0).cameraKey()).isEqualTo("unregistered:" + YARD);
        assertThat(out.get(1).camera).isEqualTo(yard);
        assertThat(out.get(1).flags()).isEmpty();
        assertThat(harness.getBroadcastState(DetectionEnricher.REGISTRY).get("version"))
                .isEqualTo("v2");
    }

    @Test
    void anUnreadableRegistryKeepsThePreviousOne() throws Exception {
        harness.processBroadcastElement(registry("v1", DOOR_CAMERA), 0);
        harness.processBroadcastElement(
                RegistrySnapshot.failed("cameras[0].cameraId is missing", 0), 0);
        fragment(fragment(DOOR, "500", T0));
        detection(face(DOOR, "500", T0, 0, "alice", 99.0));

        assertThat(harness.extractOutputValues().get(0).camera).isEqualTo(DOOR_CAMERA);
    }

    @Test
    void detectionsJoinedBeforeTheFirstRegistryWaitForIt() throws Exception {
        fragment(fragment(DOOR, "600", T0));
        detection(face(DOOR, "600", T0, 0, "alice", 99.0));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processBroadcastElement(registry("v1", DOOR_CAMERA), 0);

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.extractOutputValues().get(0).camera).isEqualTo(DOOR_CAMERA);
        harness.watermark(T0 + 2000 + LATENESS);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void duplicateFragmentsAreIgnored() throws Exception {
        harness.processBroadcastElement(registry("v1", DOOR_CAMERA), 0);
        fragment(fragment(DOOR, "700", T0));
        fragment(fragment(DOOR, "700", T0));
        detection(face(DOOR, "700", T0, 0, "alice", 99.0));

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(deadLetters()).isEmpty();
    }
}
