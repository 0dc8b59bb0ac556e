package dev.riffle.jobs.video.io;

import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.common.deadletter.DeadLetterJson;
import dev.riffle.jobs.video.model.CameraCounts;
import dev.riffle.jobs.video.model.Detection;
import dev.riffle.jobs.video.model.EnrichedDetection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * The job's output records as JSON, one object per record (see the README for the fields). The
 * shape is written out field by field, not derived from the Java classes, so that it stays stable.
 */
public final class OutputJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OutputJson() {}

    public static String detection(EnrichedDetection e) {
        Detection d = e.detection;
        ObjectNode n = JSON.createObjectNode();
        n.put("detectionId", d.detectionId);
        n.put("kind", d.kind.name());
        n.put("label", d.label);
        n.put("confidence", d.confidence);
        n.put("frameTime", e.frameTimeMillis);
        n.put("frameLocalTime", e.frameLocalTime);
        n.put("streamArn", d.streamArn);
        n.put("fragmentNumber", d.fragmentNumber);
        n.put("producerTimestamp", d.producerTimestampMillis);
        n.put("serverTimestamp", d.serverTimestampMillis);
        n.put("frameOffsetMillis", d.frameOffsetMillis);
        if (d.matchedFaceId != null) {
            ObjectNode m = n.putObject("match");
            m.put("faceId", d.matchedFaceId);
            m.put("externalImageId", d.matchedExternalImageId);
            m.put("similarity", d.similarity);
        }
        ObjectNode box = n.putObject("boundingBox");
        box.put("left", d.boxLeft);
        box.put("top", d.boxTop);
        box.put("width", d.boxWidth);
        box.put("height", d.boxHeight);
        if (e.camera != null) {
            ObjectNode c = n.putObject("camera");
            c.put("cameraId", e.camera.cameraId);
            c.put("site", e.camera.site);
            c.put("location", e.camera.location);
            c.put("timezone", e.camera.timezone);
            c.put("owner", e.camera.owner);
            c.put("retentionDays", e.camera.retentionDays);
        }
        if (e.fragment != null) {
            ObjectNode f = n.putObject("fragment");
            f.put("producerTimestamp", e.fragment.producerTimestampMillis);
            f.put("serverTimestamp", e.fragment.serverTimestampMillis);
            f.put("durationMillis", e.fragment.durationMillis);
            f.put("frameCount", e.fragment.frameCount);
            f.put("codec", e.fragment.codec);
            f.put("width", e.fragment.width);
            f.put("height", e.fragment.height);
        }
        ObjectNode r = n.putObject("replay");
        r.put("streamArn", e.replayStreamArn);
        r.put("fragmentNumber", e.replayFragmentNumber);
        r.put("startTimestamp", e.replayStartMillis);
        r.put("endTimestamp", e.replayEndMillis);
        n.putPOJO("flags", e.flags());
        return n.toString();
    }

    public static String counts(CameraCounts c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("camera", c.cameraKey);
        n.put("site", c.site);
        n.put("streamArn", c.streamArn);
        n.put("windowStart", c.windowStartMillis);
        n.put("windowEnd", c.windowEndMillis);
        n.put("detections", c.detections);
        n.put("faces", c.faces);
        n.put("unknownFaces", c.unknownFaces);
        n.put("labels", c.labels);
        return n.toString();
    }

    /** The suite's dead-letter envelope ({@link DeadLetterJson}). */
    public static String deadLetter(DeadLetter d) {
        return new String(DeadLetterJson.write(d), StandardCharsets.UTF_8);
    }
}
