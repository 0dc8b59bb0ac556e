package dev.riffle.local.demo.sampling;

import dev.riffle.local.demo.sampling.Recording.JobSample;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Records in, records out and consumer lag per job, from the JobManager's REST API (the endpoints
 * the web UI's metric tab uses), summed over subtasks:
 *
 * <ul>
 *   <li>in: {@code numRecordsIn} of the source operators (records read from the streams);
 *   <li>out: {@code numRecordsIn} of the sink writers (records handed to a sink: Kinesis, files,
 *       print), whatever they are chained to;
 *   <li>lag: the largest {@code millisBehindLatest} of the Kinesis source's shards.
 * </ul>
 *
 * Operator metrics are used rather than the vertex's read/write counts, which only count records
 * crossing the network and are 0 for a job whose operators are all chained.
 */
public final class JobSampler {
    /** A GET of the REST API, answering JSON. */
    @FunctionalInterface
    public interface Rest {
        JsonNode get(String path) throws IOException;
    }

    private final Rest rest;

    public JobSampler(Rest rest) {
        this.rest = rest;
    }

    /** One sample of the job {@code jobId}, shown as {@code name}. */
    public JobSample sample(String name, String jobId, long now) throws IOException {
        JsonNode job = rest.get("/jobs/" + jobId);
        String state = job.path("state").asText("UNKNOWN");
        long in = 0;
        long out = 0;
        long lag = -1;
        for (JsonNode vertex : job.path("vertices")) {
            String base = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText();
            List<String> ids = new ArrayList<>();
            for (JsonNode metric : rest.get(base + "/subtasks/metrics")) {
                ids.add(metric.path("id").asText());
            }
            Map<String, Kind> wanted = new LinkedHashMap<>();
            for (String id : ids) {
                Kind kind = kind(id);
                if (kind != null) {
                    wanted.put(id, kind);
                }
            }
            if (wanted.isEmpty()) {
                continue;
            }
            String get =
                    wanted.keySet().stream()
                            .map(id -> URLEncoder.encode(id, StandardCharsets.UTF_8))
                            .collect(Collectors.joining(","));
            for (JsonNode value :
                    rest.get(base + "/subtasks/metrics?get=" + get + "&agg=sum,max")) {
                Kind kind = wanted.get(value.path("id").asText());
                if (kind == null) {
                    continue;
                }
                switch (kind) {
                    case IN -> in += value.path("sum").asLong(0);
                    case OUT -> out += value.path("sum").asLong(0);
                    case LAG -> lag = Math.max(lag, value.path("max").asLong(-1));
                }
            }
        }
        return new JobSample(now, name, state, in, out, lag);
    }

    enum Kind {
        IN,
        OUT,
        LAG
    }

    /**
     * What an aggregated metric id ({@code <operator>.<metric>}) contributes to, or null. Operator
     * names are as the job gave them; Flink replaces some characters, so matching is on words.
     */
    static Kind kind(String id) {
        if (id.endsWith(".millisBehindLatest")) {
            return Kind.LAG;
        }
        if (!id.endsWith(".numRecordsIn")) {
            return null;
        }
        String operator = id.substring(0, id.length() - ".numRecordsIn".length());
        if (operator.contains(".")) {
            // A metric of a group below the operator, not the operator's own counter.
            return null;
        }
        String lower = operator.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("source")) {
            return Kind.IN;
        }
        if (lower.contains("committer")) {
            return null;
        }
        if (lower.contains("writer") || lower.startsWith("sink")) {
            return Kind.OUT;
        }
        return null;
    }
}
