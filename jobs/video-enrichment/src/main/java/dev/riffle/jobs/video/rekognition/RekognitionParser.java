package dev.riffle.jobs.video.rekognition;

import dev.riffle.common.deadletter.ErrorType;
import dev.riffle.common.event.RawRecord;
import dev.riffle.jobs.video.model.Detection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Normalizes the two record shapes Rekognition Video stream processors produce into {@link
 * Detection}s:
 *
 * <ul>
 *   <li>face search (PascalCase, written to a Kinesis data stream): {@code
 *       InputInformation.KinesisVideo} with {@code StreamArn}, {@code FragmentNumber}, {@code
 *       ServerTimestamp} and {@code ProducerTimestamp} (epoch seconds) and {@code
 *       FrameOffsetInSeconds}; one detection per {@code FaceSearchResponse[].DetectedFace}, with
 *       the most similar of its {@code MatchedFaces};
 *   <li>label detection events (camelCase): one detection per {@code labels[]} entry, located by
 *       its {@code videoMapping.kinesisVideoMapping} ({@code fragmentNumber}, {@code
 *       serverTimestamp}, {@code producerTimestamp}, {@code frameOffsetMillis}), falling back to
 *       {@code inputInformation.kinesisVideo}. Timestamps may be epoch milliseconds or seconds.
 * </ul>
 *
 * Anything else, or a record missing the stream, fragment or time, is a {@link BadRecordException}
 * with the reason.
 */
public final class RekognitionParser implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Below this, a timestamp is taken to be in seconds (it would otherwise be before 1973). */
    private static final double MILLIS_THRESHOLD = 1e11;

    public List<Detection> parse(RawRecord record) throws BadRecordException {
        JsonNode root;
        try {
            root = JSON.readTree(record.data);
        } catch (JsonProcessingException e) {
            throw new BadRecordException(
                    ErrorType.MALFORMED_JSON, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRecordException(ErrorType.MALFORMED_JSON, "unreadable: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadRecordException(ErrorType.MALFORMED_JSON, "not a JSON object");
        }
        List<Detection> out;
        if (root.has("InputInformation")) {
            out = faceSearch(root);
        } else if (root.has("inputInformation") || root.has("labels")) {
            out = labels(root);
        } else {
            throw new BadRecordException(
                    "neither a face search record (InputInformation) nor a label detection event"
                            + " (inputInformation, labels)");
        }
        for (Detection d : out) {
            d.sourceStream = record.stream;
            d.sourceShard = record.shardId;
            d.sourceSequenceNumber = record.sequenceNumber;
        }
        return out;
    }

    private static List<Detection> faceSearch(JsonNode root) throws BadRecordException {
        JsonNode kv = root.path("InputInformation").path("KinesisVideo");
        String stream = text(kv, "StreamArn", "InputInformation.KinesisVideo.StreamArn");
        String fragment =
                text(kv, "FragmentNumber", "InputInformation.KinesisVideo.FragmentNumber");
        long producer = millis(kv, "ProducerTimestamp", "InputInformation.KinesisVideo");
        Long server = optionalMillis(kv.get("ServerTimestamp"));
        JsonNode offsetNode = kv.get("FrameOffsetInSeconds");
        if (offsetNode == null || !offsetNode.isNumber()) {
            throw new BadRecordException(
                    "InputInformation.KinesisVideo.FrameOffsetInSeconds is missing or not a"
                            + " number");
        }
        long offset = Math.round(offsetNode.asDouble() * 1000);
        List<Detection> out = new ArrayList<>();
        JsonNode faces = root.path("FaceSearchResponse");
        if (!faces.isMissingNode() && !faces.isArray()) {
            throw new BadRecordException("FaceSearchResponse is not an array");
        }
        int index = 0;
        for (JsonNode face : faces) {
            JsonNode detected = face.path("DetectedFace");
            if (!detected.isObject()) {
                throw new BadRecordException(
                        "FaceSearchResponse[" + index + "] has no DetectedFace");
            }
            Detection d = base(Detection.Kind.FACE, stream, fragment, producer, server, offset);
            d.label = "FACE";
            d.confidence = detected.path("Confidence").asDouble(0);
            box(d, detected.path("BoundingBox"), "Left", "Top", "Width", "Height");
            JsonNode best = null;
            for (JsonNode match : face.path("MatchedFaces")) {
                if (best == null
                        || match.path("Similarity").asDouble(0)
                                > best.path("Similarity").asDouble(0)) {
                    best = match;
                }
            }
            if (best != null) {
                d.matchedFaceId = best.path("Face").path("FaceId").asText(null);
                d.matchedExternalImageId = best.path("Face").path("ExternalImageId").asText(null);
                d.similarity = best.path("Similarity").asDouble(0);
            }
            d.detectionId = id(d, index++);
            out.add(d);
        }
        return out;
    }

    private static List<Detection> labels(JsonNode root) throws BadRecordException {
        JsonNode kv = root.path("inputInformation").path("kinesisVideo");
        String stream = text(kv, "streamArn", "inputInformation.kinesisVideo.streamArn");
        JsonNode labels = root.path("labels");
        if (!labels.isArray()) {
            throw new BadRecordException("labels is missing or not an array");
        }
        List<Detection> out = new ArrayList<>();
        int index = 0;
        for (JsonNode label : labels) {
            String where = "labels[" + index + "]";
            JsonNode mapping = label.path("videoMapping").path("kinesisVideoMapping");
            JsonNode at = mapping.has("fragmentNumber") ? mapping : kv;
            String fragment = text(at, "fragmentNumber", where + ".videoMapping.fragmentNumber");
            long producer = millis(at, "producerTimestamp", where + ".videoMapping");
            Long server = optionalMillis(at.get("serverTimestamp"));
            long offset = at.path("frameOffsetMillis").asLong(0);
            Detection d = base(Detection.Kind.LABEL, stream, fragment, producer, server, offset);
            d.label = text(label, "name", where + ".name");
            d.confidence = label.path("confidence").asDouble(0);
            box(d, label.path("boundingBox"), "left", "top", "width", "height");
            d.detectionId = id(d, index++);
            out.add(d);
        }
        return out;
    }

    private static Detection base(
            Detection.Kind kind,
            String stream,
            String fragment,
            long producer,
            @Nullable Long server,
            long offset) {
        Detection d = new Detection();
        d.kind = kind;
        d.streamArn = stream;
        d.fragmentNumber = fragment;
        d.producerTimestampMillis = producer;
        d.serverTimestampMillis = server;
        d.frameOffsetMillis = offset;
        d.frameTimeMillis = producer + offset;
        return d;
    }

    private static void box(Detection d, JsonNode b, String l, String t, String w, String h) {
        d.boxLeft = b.path(l).asDouble(0);
        d.boxTop = b.path(t).asDouble(0);
        d.boxWidth = b.path(w).asDouble(0);
        d.boxHeight = b.path(h).asDouble(0);
    }

    private static String id(Detection d, int index) {
        String key =
                String.join(
                        "|",
                        d.streamArn,
                        d.fragmentNumber,
                        Long.toString(d.frameOffsetMillis),
                        d.kind.name(),
                        d.label,
                        Integer.toString(index),
                        String.valueOf(d.matchedFaceId));
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String text(JsonNode node, String field, String path) throws BadRecordException {
        JsonNode v = node.get(field);
        if (v == null || !v.isValueNode() || v.asText().isBlank()) {
            throw new BadRecordException(path + " is missing");
        }
        return v.asText();
    }

    private static long millis(JsonNode node, String field, String path) throws BadRecordException {
        Long v = optionalMillis(node.get(field));
        if (v == null) {
            throw new BadRecordException(path + "." + field + " is missing or not a number");
        }
        return v;
    }

    @Nullable
    private static Long optionalMillis(@Nullable JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        BigDecimal value;
        try {
            value = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
        return value.doubleValue() < MILLIS_THRESHOLD
                ? value.movePointRight(3).longValue()
                : value.longValue();
    }
}
