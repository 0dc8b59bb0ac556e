package dev.riffle.local.demo.sampling;

import dev.riffle.local.demo.sampling.Recording.AlertSeen;
import dev.riffle.local.demo.sampling.Recording.AnomalyLabel;
import dev.riffle.local.demo.sampling.Recording.DeadLetterSeen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the suite's JSON records as the demo needs them: alerts (README "Alert format"), dead
 * letters (the envelope of dev.riffle.common.deadletter) and the generator's anomaly labels. A
 * record that does not parse is skipped: the summary shows what it can.
 */
public final class Records {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Records() {}

    public static Optional<AlertSeen> alert(long arrivedAt, byte[] data) {
        try {
            JsonNode a = JSON.readTree(new String(data, StandardCharsets.UTF_8));
            JsonNode window = a.path("window");
            return Optional.of(
                    new AlertSeen(
                            arrivedAt,
                            a.path("alertId").asText(""),
                            a.path("what").asText(""),
                            a.path("key").asText(""),
                            instant(window.path("start")),
                            instant(window.path("end")),
                            a.path("explanation").asText("")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public static Optional<DeadLetterSeen> deadLetter(long arrivedAt, byte[] data) {
        try {
            JsonNode d = JSON.readTree(new String(data, StandardCharsets.UTF_8));
            return Optional.of(
                    new DeadLetterSeen(
                            arrivedAt,
                            d.path("jobName").asText("unknown"),
                            d.path("errorType").asText("UNKNOWN")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The generator's --labels file: {@code {"kind","key","start","end",...}} per line. A missing
     * file is no labels.
     */
    public static List<AnomalyLabel> labels(Path file) throws IOException {
        List<AnomalyLabel> labels = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return labels;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode l = JSON.readTree(line);
            labels.add(
                    new AnomalyLabel(
                            l.path("kind").asText(),
                            l.path("key").asText(),
                            instant(l.path("start")),
                            instant(l.path("end"))));
        }
        return labels;
    }

    /**
     * An instant as the suite writes them: ISO-8601 ({@code 2025-03-01T10:30:00Z}), SQL's {@code
     * 2025-03-01 10:30:00.000} (UTC) or epoch milliseconds.
     */
    static long instant(JsonNode value) {
        if (value.isNumber()) {
            return value.asLong();
        }
        String text = value.asText("").trim();
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            String iso = text.replace(' ', 'T');
            if (!iso.endsWith("Z") && !iso.matches(".*[+-]\\d\\d:\\d\\d$")) {
                iso = iso + "Z";
            }
            return java.time.OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        }
    }
}
