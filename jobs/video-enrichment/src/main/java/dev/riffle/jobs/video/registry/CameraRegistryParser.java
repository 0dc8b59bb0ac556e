package dev.riffle.jobs.video.registry;

import dev.riffle.jobs.video.model.Camera;
import dev.riffle.jobs.video.model.RegistrySnapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the camera registry JSON:
 *
 * <pre>{@code
 * {"cameras": [
 *   {"streamArn": "arn:aws:kinesisvideo:us-east-1:123456789012:stream/door/1700000000000",
 *    "cameraId": "door-1", "site": "hq", "location": "front door",
 *    "timezone": "Europe/Paris", "owner": "facilities", "retentionDays": 30}
 * ]}
 * }</pre>
 *
 * {@code streamArn} and {@code cameraId} are required and unique; {@code timezone} must be an IANA
 * zone id (default UTC). A registry with any problem is rejected whole, with every problem listed:
 * half a registry would flag cameras as unregistered that are not.
 */
public final class CameraRegistryParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CameraRegistryParser() {}

    public static RegistrySnapshot parse(byte[] content, long readAt) {
        String version = version(content);
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (IOException e) {
            return RegistrySnapshot.failed("the registry is not JSON: " + e.getMessage(), readAt);
        }
        JsonNode list = root == null ? null : root.get("cameras");
        if (list == null || !list.isArray()) {
            return RegistrySnapshot.failed(
                    "the registry has no \"cameras\" array: expected {\"cameras\": [...]}", readAt);
        }
        List<String> problems = new ArrayList<>();
        Map<String, Camera> cameras = new LinkedHashMap<>();
        Map<String, String> ids = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode c : list) {
            String where = "cameras[" + i++ + "]";
            String arn = c.path("streamArn").asText("").trim();
            String id = c.path("cameraId").asText("").trim();
            if (arn.isEmpty()) {
                problems.add(where + ".streamArn is missing");
                continue;
            }
            if (id.isEmpty()) {
                problems.add(where + ".cameraId is missing");
                continue;
            }
            String zone = c.path("timezone").asText("UTC").trim();
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                problems.add(where + ".timezone '" + zone + "' is not a time zone id");
            }
            if (cameras.containsKey(arn)) {
                problems.add(where + ".streamArn " + arn + " is listed twice");
            }
            if (ids.containsKey(id)) {
                problems.add(where + ".cameraId " + id + " is used twice");
            }
            ids.put(id, arn);
            cameras.put(
                    arn,
                    new Camera(
                            arn,
                            id,
                            text(c, "site"),
                            text(c, "location"),
                            zone,
                            text(c, "owner"),
                            c.path("retentionDays").asInt(0)));
        }
        if (!problems.isEmpty()) {
            return RegistrySnapshot.failed(String.join("; ", problems), readAt);
        }
        return RegistrySnapshot.of(version, cameras, readAt);
    }

    private static String text(JsonNode c, String field) {
        JsonNode v = c.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static String version(byte[] content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            return Integer.toHexString(new String(content, StandardCharsets.UTF_8).hashCode());
        }
    }
}
