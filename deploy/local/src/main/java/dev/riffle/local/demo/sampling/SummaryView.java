package dev.riffle.local.demo.sampling;

import dev.riffle.local.demo.sampling.Recording.AlertSeen;
import dev.riffle.local.demo.sampling.Recording.DeadLetterSeen;
import dev.riffle.local.demo.sampling.Recording.JobRun;
import dev.riffle.local.demo.sampling.Recording.JobSample;
import dev.riffle.local.demo.sampling.Recording.LakeFile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The live summary's text: one block per refresh, from a recording's snapshot. */
public final class SummaryView {
    private SummaryView() {}

    public static String render(Recording r, long now) {
        StringBuilder s = new StringBuilder();
        long elapsed = Math.max(0, now - r.startedAt()) / 1000;
        s.append(
                String.format(
                        Locale.ROOT,
                        "-- riffle demo, %02d:%02d"
                                + " -----------------------------------------------%n",
                        elapsed / 60,
                        elapsed % 60));
        s.append(
                String.format(
                        Locale.ROOT,
                        "  %-34s %-9s %10s %10s %10s%n",
                        "job",
                        "state",
                        "in",
                        "out",
                        "lag"));
        Map<String, JobSample> latest = latest(r.samples());
        for (JobRun job : r.jobs()) {
            if (job.status() != Recording.Status.SUBMITTED) {
                continue;
            }
            JobSample sample = latest.get(job.name());
            if (sample == null) {
                s.append(String.format(Locale.ROOT, "  %-34s %-9s%n", job.name(), "starting"));
            } else {
                s.append(
                        String.format(
                                Locale.ROOT,
                                "  %-34s %-9s %10d %10d %10s%n",
                                job.name(),
                                sample.state(),
                                sample.in(),
                                sample.out(),
                                sample.lagMillis() < 0 ? "-" : sample.lagMillis() + " ms"));
            }
        }
        s.append("  dead letters: ").append(deadLettersByReason(r.deadLetters())).append('\n');
        List<LakeFile> files = r.lakeFiles();
        List<Long> freshness = new ArrayList<>();
        files.forEach(f -> freshness.addAll(f.freshnessMillis()));
        Percentiles f = Percentiles.of(freshness);
        s.append(
                String.format(
                        Locale.ROOT,
                        "  lake: %d files committed (%d rows of events)%s%n",
                        files.size(),
                        files.stream().mapToLong(LakeFile::rows).sum(),
                        f.count() == 0
                                ? ""
                                : ", freshness p50 "
                                        + Percentiles.seconds(f.p50())
                                        + " max "
                                        + Percentiles.seconds(f.max())));
        List<AlertSeen> alerts = r.alerts();
        s.append("  alerts: ").append(alerts.size());
        if (!alerts.isEmpty()) {
            s.append(" (latest: ").append(alertLine(alerts.get(alerts.size() - 1))).append(')');
        }
        s.append('\n');
        return s.toString();
    }

    /** {@code MALFORMED_JSON 3, SCHEMA_VIOLATION 2} (most first), or {@code none yet}. */
    public static String deadLettersByReason(List<DeadLetterSeen> deadLetters) {
        Map<String, Long> counts = countByReason(deadLetters);
        if (counts.isEmpty()) {
            return "none yet";
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((reason, n) -> parts.add(reason + " " + n));
        return String.join(", ", parts);
    }

    /** Dead letters per error type, most frequent first. */
    public static Map<String, Long> countByReason(List<DeadLetterSeen> deadLetters) {
        Map<String, Long> counts = new TreeMap<>();
        deadLetters.forEach(d -> counts.merge(d.errorType(), 1L, Long::sum));
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** {@code merchant-spike m-0002, window ..-10:31:00Z, 8.1 s after the window}. */
    public static String alertLine(AlertSeen a) {
        return a.what()
                + " "
                + a.key()
                + ", window to "
                + java.time.Instant.ofEpochMilli(a.windowEnd())
                + ", "
                + Percentiles.seconds(a.latencyMillis())
                + " after its end";
    }

    /** The newest sample of each job. */
    public static Map<String, JobSample> latest(List<JobSample> samples) {
        Map<String, JobSample> latest = new LinkedHashMap<>();
        samples.forEach(s -> latest.put(s.job(), s));
        return latest;
    }
}
