package dev.riffle.jobs.anomaly.nab;

import dev.riffle.jobs.anomaly.backtest.SeriesTimestamps;

import org.apache.flink.annotation.PublicEvolving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NAB's labelled anomaly windows ({@code combined_windows.json}): for each series path ({@code
 * category/file.csv}) a list of {@code [start, end]} timestamps, both inclusive.
 */
@PublicEvolving
public final class NabWindows {
    /** One labelled window, epoch milliseconds, inclusive. */
    public static final class Window {
        public final long start;
        public final long end;

        Window(long start, long end) {
            this.start = start;
            this.end = end;
        }

        public boolean contains(long t) {
            return t >= start && t <= end;
        }
    }

    private final Map<String, List<Window>> bySeries;

    private NabWindows(Map<String, List<Window>> bySeries) {
        this.bySeries = bySeries;
    }

    public static NabWindows read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(file));
        Map<String, List<Window>> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            List<Window> windows = new ArrayList<>();
            for (JsonNode w : e.getValue()) {
                windows.add(
                        new Window(
                                SeriesTimestamps.parse(w.get(0).asText()),
                                SeriesTimestamps.parse(w.get(1).asText())));
            }
            map.put(e.getKey(), Collections.unmodifiableList(windows));
        }
        return new NabWindows(map);
    }

    /** Series paths with labels, in file order. */
    public List<String> series() {
        return new ArrayList<>(bySeries.keySet());
    }

    public boolean has(String series) {
        return bySeries.containsKey(series);
    }

    public List<Window> windows(String series) {
        return bySeries.getOrDefault(series, List.of());
    }

    /** 1 if {@code t} falls in one of the series' windows, else 0 (NAB's {@code label}). */
    public int label(String series, long t) {
        for (Window w : windows(series)) {
            if (w.contains(t)) {
                return 1;
            }
        }
        return 0;
    }
}
