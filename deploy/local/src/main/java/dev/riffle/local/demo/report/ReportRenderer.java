package dev.riffle.local.demo.report;

import dev.riffle.local.demo.sampling.Percentiles;
import dev.riffle.local.demo.sampling.Recording;
import dev.riffle.local.demo.sampling.Recording.AlertSeen;
import dev.riffle.local.demo.sampling.Recording.AnomalyLabel;
import dev.riffle.local.demo.sampling.Recording.JobRun;
import dev.riffle.local.demo.sampling.Recording.JobSample;
import dev.riffle.local.demo.sampling.Recording.LakeFile;
import dev.riffle.local.demo.sampling.SummaryView;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's report: one self-contained HTML page (inline CSS and SVG, no script, nothing fetched)
 * with traffic over time against the injected anomalies and the alerts, dead letters by reason,
 * freshness of the lake and alert latency, and where the Parquet files are and how to query them.
 */
public final class ReportRenderer {
    /** Firehose buffers at least 60 s before it writes a file: the freshness baseline. */
    public static final long FIREHOSE_MIN_BUFFER_MILLIS = 60_000;

    /** How long after an injected anomaly's end an alert on its key still counts as catching it. */
    static final Duration MATCH_GRACE = Duration.ofMinutes(5);

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int CHART_W = 900;
    private static final int CHART_H = 260;
    private static final int PAD = 50;

    private ReportRenderer() {}

    public static String render(Recording r) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        h.append("<title>Riffle demo report ").append(Html.escape(r.runId())).append("</title>\n");
        h.append(
                "<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid"
                        + " #ccc;padding:3px 8px;text-align:left}th{background:#f3f3f3}"
                        + "pre{background:#f6f6f6;padding:0.8em;overflow-x:auto}"
                        + ".ok{color:#2a7a2a}.miss{color:#b22}.note{color:#555}</style>\n");
        h.append("</head><body>\n");
        h.append("<h1>Riffle demo report</h1>\n");
        long end = r.endedAt() > 0 ? r.endedAt() : lastTime(r);
        h.append("<p>Run ")
                .append(Html.escape(r.runId()))
                .append(", ")
                .append(Instant.ofEpochMilli(r.startedAt()))
                .append(" to ")
                .append(Instant.ofEpochMilli(end))
                .append(" (")
                .append(Math.max(0, end - r.startedAt()) / 1000)
                .append(" s) on the local cluster. Times are UTC.</p>\n");
        pipeline(h, r);
        traffic(h, r, end);
        anomalies(h, r);
        deadLetters(h, r);
        freshnessAndLatency(h, r);
        lake(h, r);
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void pipeline(StringBuilder h, Recording r) {
        h.append("<h2 id=\"pipeline\">Pipeline</h2>\n<table><tr><th>job</th><th>what</th>")
                .append("<th>status</th><th>records in</th><th>records out</th></tr>\n");
        Map<String, JobSample> latest = SummaryView.latest(r.samples());
        for (JobRun job : r.jobs()) {
            JobSample s = latest.get(job.name());
            h.append("<tr><td>")
                    .append(Html.escape(job.name()))
                    .append("</td><td>")
                    .append(Html.escape(job.what()))
                    .append("</td><td>")
                    .append(job.status())
                    .append(job.reason() == null ? "" : ": " + Html.escape(job.reason()))
                    .append("</td><td>")
                    .append(s == null ? "-" : s.in())
                    .append("</td><td>")
                    .append(s == null ? "-" : s.out())
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void traffic(StringBuilder h, Recording r, long end) {
        h.append("<h2 id=\"traffic\">Traffic over time</h2>\n");
        h.append(
                "<p class=\"note\">Records per second read by each job. Shaded bands: anomalies"
                        + " the generator injected; red marks: alerts, at the time they"
                        + " arrived.</p>\n");
        Map<String, List<double[]>> rates = rates(r.samples());
        double maxRate = 1;
        for (List<double[]> series : rates.values()) {
            for (double[] p : series) {
                maxRate = Math.max(maxRate, p[1]);
            }
        }
        long start = r.startedAt();
        long span = Math.max(1000, end - start);
        Svg svg = new Svg(CHART_W, CHART_H + 40);
        double plotW = CHART_W - 2 * PAD;
        double plotH = CHART_H - PAD;
        java.util.function.DoubleUnaryOperator x = t -> PAD + (t - start) * plotW / span;
        double finalMax = maxRate;
        java.util.function.DoubleUnaryOperator y = v -> 10 + plotH - v * plotH / finalMax;
        for (AnomalyLabel l : r.labels()) {
            double x1 = x.applyAsDouble(Math.max(l.start(), start));
            double x2 = x.applyAsDouble(Math.min(l.end(), end));
            if (x2 > x1) {
                svg.rect(x1, 10, x2 - x1, plotH, "#fde8b0", l.kind() + " " + l.key());
            }
        }
        svg.line(PAD, 10 + plotH, CHART_W - PAD, 10 + plotH, "#444", 1, null, null);
        svg.line(PAD, 10, PAD, 10 + plotH, "#444", 1, null, null);
        svg.text(PAD - 5, 15, String.format(Locale.ROOT, "%.0f/s", maxRate), "end", 11);
        svg.line(PAD, 10 + plotH / 2, CHART_W - PAD, 10 + plotH / 2, "#eee", 1, null, null);
        svg.text(PAD - 5, 10 + plotH, "0", "end", 11);
        svg.text(PAD, 25 + plotH, TIME.format(Instant.ofEpochMilli(start)), "start", 11);
        svg.text(CHART_W - PAD, 25 + plotH, TIME.format(Instant.ofEpochMilli(end)), "end", 11);
        int color = 0;
        double legendX = PAD;
        for (Map.Entry<String, List<double[]>> series : rates.entrySet()) {
            String stroke = Svg.COLORS[color++ % Svg.COLORS.length];
            List<double[]> points = new ArrayList<>();
            for (double[] p : series.getValue()) {
                if (p[0] < start) {
                    continue; // before the traffic started (jobs starting, history)
                }
                points.add(new double[] {x.applyAsDouble(p[0]), y.applyAsDouble(p[1])});
            }
            svg.polyline(points, stroke);
            svg.rect(legendX, CHART_H + 22, 10, 10, stroke, null);
            svg.text(legendX + 14, CHART_H + 31, series.getKey(), "start", 11);
            legendX += 20 + 7 * series.getKey().length();
        }
        for (AlertSeen a : r.alerts()) {
            double ax = x.applyAsDouble(Math.max(start, Math.min(end, a.arrivedAt())));
            svg.line(ax, 10, ax, 10 + plotH, "#d62728", 1.5, "4,3", title(a));
            svg.circle(ax, 14, 4, "#d62728", title(a));
        }
        h.append(svg);
    }

    private static void anomalies(StringBuilder h, Recording r) {
        h.append("<h2 id=\"anomalies\">Injected anomalies and alerts</h2>\n");
        if (r.labels().isEmpty()) {
            h.append("<p>The generator injected no anomaly in this run.</p>\n");
        } else {
            h.append("<table><tr><th>injected anomaly</th><th>key</th><th>from</th><th>to</th>")
                    .append("<th>alerts on it</th></tr>\n");
            for (AnomalyLabel l : r.labels()) {
                List<AlertSeen> caught = matching(l, r.alerts());
                h.append("<tr><td>")
                        .append(Html.escape(l.kind()))
                        .append("</td><td>")
                        .append(Html.escape(l.key()))
                        .append("</td><td>")
                        .append(TIME.format(Instant.ofEpochMilli(l.start())))
                        .append("</td><td>")
                        .append(TIME.format(Instant.ofEpochMilli(l.end())))
                        .append("</td><td>");
                if (caught.isEmpty()) {
                    h.append("<span class=\"miss\">none</span>");
                } else {
                    List<String> names = new ArrayList<>();
                    caught.forEach(a -> names.add(Html.escape(a.what())));
                    h.append("<span class=\"ok\">")
                            .append(caught.size())
                            .append(": ")
                            .append(String.join(", ", names))
                            .append("</span>");
                }
                h.append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<h3>Alerts</h3>\n");
        if (r.alerts().isEmpty()) {
            h.append(
                    "<p>No alert fired. Rules need history (in the demo, merchant-spike: 100"
                            + " s; the forest: a warm-up of 64 readings per series) and the"
                            + " generator injects its first anomaly 30 s into the run: run the"
                            + " demo longer, e.g. <code>--duration 5m</code> (<code>--duration"
                            + " 15m</code> with the jobs' own settings).</p>\n");
            return;
        }
        h.append("<table><tr><th>arrived</th><th>what</th><th>key</th><th>window</th>")
                .append("<th>latency</th><th>explanation</th></tr>\n");
        for (AlertSeen a : r.alerts()) {
            h.append("<tr><td>")
                    .append(TIME.format(Instant.ofEpochMilli(a.arrivedAt())))
                    .append("</td><td>")
                    .append(Html.escape(a.what()))
                    .append("</td><td>")
                    .append(Html.escape(a.key()))
                    .append("</td><td>")
                    .append(TIME.format(Instant.ofEpochMilli(a.windowStart())))
                    .append(" to ")
                    .append(TIME.format(Instant.ofEpochMilli(a.windowEnd())))
                    .append("</td><td>")
                    .append(Percentiles.seconds(a.latencyMillis()))
                    .append("</td><td>")
                    .append(Html.escape(a.explanation()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** Alerts about the label's key whose window overlaps the anomaly (plus a grace period). */
    static List<AlertSeen> matching(AnomalyLabel label, List<AlertSeen> alerts) {
        List<AlertSeen> out = new ArrayList<>();
        for (AlertSeen a : alerts) {
            boolean sameKey =
                    a.key().equals(label.key())
                            || a.key().endsWith("/" + label.key())
                            || a.key().replace('/', '.').endsWith(label.key().replace('/', '.'));
            boolean overlaps =
                    a.windowEnd() >= label.start()
                            && a.windowStart() <= label.end() + MATCH_GRACE.toMillis();
            if (sameKey && overlaps) {
                out.add(a);
            }
        }
        return out;
    }

    private static void deadLetters(StringBuilder h, Recording r) {
        h.append("<h2 id=\"dead-letters\">Dead letters by reason</h2>\n");
        Map<String, Long> counts = SummaryView.countByReason(r.deadLetters());
        if (counts.isEmpty()) {
            h.append("<p>No dead letter arrived.</p>\n");
            return;
        }
        long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(1);
        int rowH = 24;
        Svg svg = new Svg(CHART_W, counts.size() * rowH + 10);
        int i = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            double w = (CHART_W - 320) * e.getValue() / (double) max;
            svg.text(200, i * rowH + 17, e.getKey(), "end", 12);
            svg.rect(210, i * rowH + 5, w, rowH - 8, "#e07b39", e.getKey() + ": " + e.getValue());
            svg.text(215 + w, i * rowH + 17, Long.toString(e.getValue()), "start", 12);
            i++;
        }
        h.append(svg);
        h.append("<table><tr><th>reason</th><th>dead letters</th></tr>\n");
        counts.forEach(
                (reason, n) ->
                        h.append("<tr><td>")
                                .append(Html.escape(reason))
                                .append("</td><td>")
                                .append(n)
                                .append("</td></tr>\n"));
        h.append("</table>\n");
    }

    private static void freshnessAndLatency(StringBuilder h, Recording r) {
        h.append("<h2 id=\"freshness-latency\">Freshness and latency</h2>\n");
        List<Long> freshness = freshness(r);
        List<Long> latency = latencies(r);
        Percentiles f = Percentiles.of(freshness);
        Percentiles l = Percentiles.of(latency);
        h.append("<table><tr><th>measure</th><th>n</th><th>p50</th><th>p90</th><th>p99</th>")
                .append("<th>max</th><th>baseline</th></tr>\n");
        row(h, "event to committed Parquet (freshness)", f, "Firehose buffers at least 60 s");
        row(h, "event to alert (latency), all alerts", l, "-");
        row(
                h,
                "  of the DataStream detector (rcf, merchant-spike)",
                Percentiles.of(latencies(r, DATASTREAM)),
                "-");
        row(h, "  of the SQL rule (telemetry-breach)", Percentiles.of(latencies(r, SQL)), "-");
        h.append("</table>\n");
        h.append(
                "<p class=\"note\">Freshness: from an event's arrival in Kinesis (its"
                        + " <code>receivedAt</code>) to the first listing of the lake that showed"
                        + " its committed file (polled every few seconds, so up to one poll"
                        + " late). Latency: from the end of the event-time window an alert is"
                        + " about (for a rule over readings, the event time of the reading that"
                        + " completed it; for a windowed rule, the end of its interval) to the"
                        + " alert's arrival in the alerts stream (Kinesis' approximate arrival"
                        + " time). The generator stamps each event with the wall clock as it"
                        + " sends it, so the window's end is when its last event entered"
                        + " [raw-events]. Alerts about the history written before the run"
                        + " (--history) are not counted.</p>\n");
        if (!freshness.isEmpty()) {
            h.append("<h3>Freshness, seconds</h3>\n");
            h.append(histogram(freshness, FIREHOSE_MIN_BUFFER_MILLIS, "Firehose minimum 60 s"));
        }
        if (!latency.isEmpty()) {
            h.append("<h3>Alert latency, seconds</h3>\n");
            h.append(histogram(latency, -1, null));
        }
    }

    private static void row(StringBuilder h, String what, Percentiles p, String baseline) {
        h.append("<tr><td>").append(Html.escape(what)).append("</td><td>").append(p.count());
        for (long v : new long[] {p.p50(), p.p90(), p.p99(), p.max()}) {
            h.append("</td><td>").append(p.count() == 0 ? "-" : Percentiles.seconds(v));
        }
        h.append("</td><td>").append(Html.escape(baseline)).append("</td></tr>\n");
    }

    private static String histogram(List<Long> values, long marker, String markerLabel) {
        long max = Math.max(values.stream().mapToLong(Long::longValue).max().orElse(1), marker);
        int buckets = 30;
        double width = Math.max(1, max) / (double) buckets;
        long[] counts = new long[buckets];
        for (long v : values) {
            counts[(int) Math.min(buckets - 1, Math.max(0, v) / width)]++;
        }
        long top = java.util.Arrays.stream(counts).max().orElse(1);
        Svg svg = new Svg(CHART_W, 180);
        double plotW = CHART_W - 2 * PAD;
        double barW = plotW / buckets;
        for (int i = 0; i < buckets; i++) {
            double bh = 130.0 * counts[i] / Math.max(1, top);
            svg.rect(
                    PAD + i * barW + 1,
                    140 - bh,
                    barW - 2,
                    bh,
                    "#1f77b4",
                    String.format(
                            Locale.ROOT,
                            "%.1f-%.1f s: %d",
                            i * width / 1000,
                            (i + 1) * width / 1000,
                            counts[i]));
        }
        svg.line(PAD, 140, CHART_W - PAD, 140, "#444", 1, null, null);
        svg.text(PAD, 158, "0 s", "start", 11);
        svg.text(CHART_W - PAD, 158, Percentiles.seconds(max), "end", 11);
        if (marker > 0) {
            double mx = PAD + marker * plotW / Math.max(1, max);
            svg.line(mx, 5, mx, 140, "#d62728", 2, "5,3", markerLabel);
            svg.text(mx - 4, 16, markerLabel, "end", 11);
        }
        return svg.toString();
    }

    private static void lake(StringBuilder h, Recording r) {
        h.append("<h2 id=\"lake\">The Parquet files</h2>\n");
        List<LakeFile> files = r.lakeFiles();
        String bucket = r.lake() == null ? "riffle-lake" : r.lake().bucket();
        h.append("<p>")
                .append(files.size())
                .append(" files were committed to <code>s3://")
                .append(Html.escape(bucket))
                .append("/</code> during the run");
        if (r.lake() != null) {
            h.append(" (s3proxy at <code>")
                    .append(Html.escape(r.lake().s3Endpoint()))
                    .append("</code>, which keeps each object as a file under <code>")
                    .append(Html.escape(r.lake().localFolder()))
                    .append("</code>)");
        }
        h.append(". Events are under <code>events/</code>, failed records under")
                .append(" <code>errors/</code>.</p>\n");
        if (!files.isEmpty()) {
            h.append("<table><tr><th>committed</th><th>object</th><th>bytes</th><th>rows</th>")
                    .append("</tr>\n");
            int shown = 0;
            for (LakeFile f : files) {
                if (shown++ == 20) {
                    h.append("<tr><td colspan=\"4\">... and ")
                            .append(files.size() - 20)
                            .append(" more</td></tr>\n");
                    break;
                }
                h.append("<tr><td>")
                        .append(TIME.format(Instant.ofEpochMilli(f.seenAt())))
                        .append("</td><td><code>")
                        .append(Html.escape(f.key()))
                        .append("</code></td><td>")
                        .append(f.size())
                        .append("</td><td>")
                        .append(f.key().endsWith(".parquet") ? Long.toString(f.rows()) : "-")
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        String local = r.lake() == null ? ".riffle/data/s3/riffle-lake" : r.lake().localFolder();
        h.append("<h3>Query them</h3>\n<p>With the Flink SQL client")
                .append(
                        " (<code>deploy/local/riffle sql</code>, the cluster reaches"
                                + " s3proxy):</p>\n");
        h.append("<pre>")
                .append(
                        Html.escape(
                                "CREATE TABLE lake_events (\n"
                                    + "  eventId STRING, `type` STRING, occurredAt TIMESTAMP(3),"
                                    + " receivedAt TIMESTAMP(3),\n"
                                    + "  userId STRING, merchantId STRING, amount DECIMAL(12, 2),"
                                    + " deviceId STRING, metric STRING, `value` DOUBLE\n"
                                    + ") WITH (\n"
                                    + "  'connector' = 'filesystem',\n"
                                    + "  'path' = 's3://"
                                        + bucket
                                        + "/events/',\n"
                                        + "  'format' = 'parquet',\n"
                                        + "  'source.path.regex-pattern' = '.*\\.parquet'\n"
                                        + ");\n"
                                        + "SET 'execution.runtime-mode' = 'batch';\n"
                                        + "SELECT `type`, COUNT(*) AS events FROM lake_events"
                                        + " GROUP BY `type`;"))
                .append("</pre>\n");
        h.append("<p>Or straight from the files, e.g. with DuckDB:</p>\n<pre>")
                .append(
                        Html.escape(
                                "duckdb -c \"SELECT type, count(*) FROM read_parquet('"
                                        + local
                                        + "/events/**/*.parquet') GROUP BY type\""))
                .append("</pre>\n");
    }

    /**
     * Rates are taken over at least this long: Flink refreshes the metrics it serves every few s.
     */
    static final long RATE_WINDOW_MILLIS = 10_000;

    /**
     * Per job, (time, records/s read) over the last {@link #RATE_WINDOW_MILLIS} (or since its first
     * sample).
     */
    static Map<String, List<double[]>> rates(List<JobSample> samples) {
        Map<String, List<JobSample>> byJob = new LinkedHashMap<>();
        samples.forEach(s -> byJob.computeIfAbsent(s.job(), k -> new ArrayList<>()).add(s));
        Map<String, List<double[]>> rates = new LinkedHashMap<>();
        byJob.forEach(
                (job, series) -> {
                    List<double[]> points = new ArrayList<>();
                    for (int i = 1; i < series.size(); i++) {
                        JobSample s = series.get(i);
                        JobSample p = series.get(0);
                        for (int j = i - 1; j >= 0; j--) {
                            if (s.at() - series.get(j).at() >= RATE_WINDOW_MILLIS) {
                                p = series.get(j);
                                break;
                            }
                        }
                        if (s.at() > p.at()) {
                            double rate = Math.max(0, s.in() - p.in()) * 1000.0 / (s.at() - p.at());
                            points.add(new double[] {s.at(), rate});
                        }
                    }
                    rates.put(job, points);
                });
        return rates;
    }

    /**
     * Latency of the alerts about the live traffic: an alert whose window ended before the run
     * started is about the history written first ({@code --history}), whose events are not recent.
     */
    public static List<Long> latencies(Recording r) {
        return latencies(r, null);
    }

    /** {@link #latencies(Recording)} of the alerts one source writes ({@link #source}). */
    public static List<Long> latencies(Recording r, String source) {
        List<Long> latency = new ArrayList<>();
        for (AlertSeen a : r.alerts()) {
            if (a.windowEnd() >= r.startedAt() && (source == null || source.equals(source(a)))) {
                latency.add(a.latencyMillis());
            }
        }
        return latency;
    }

    /** The DataStream detector: its forests and its merchant-spike rule. */
    public static final String DATASTREAM = "datastream";

    /** The SQL rule the demo runs in the SQL client. */
    public static final String SQL = "sql";

    /**
     * Which of the demo's detectors wrote an alert, by its {@code what}: only the DataStream
     * detector writes {@code rcf}, and in the demo only it writes {@code merchant-spike} (the
     * demo's SQL rule is telemetry-breach; merchant-spike.sql would write the same alerts, same
     * ids).
     */
    public static String source(AlertSeen a) {
        return switch (a.what()) {
            case "rcf", "merchant-spike" -> DATASTREAM;
            case "telemetry-breach", "checkout-health" -> SQL;
            default -> "other";
        };
    }

    static List<Long> freshness(Recording r) {
        List<Long> all = new ArrayList<>();
        r.lakeFiles().forEach(f -> all.addAll(f.freshnessMillis()));
        return all;
    }

    private static String title(AlertSeen a) {
        return "alert " + SummaryView.alertLine(a);
    }

    private static long lastTime(Recording r) {
        long last = r.startedAt();
        for (JobSample s : r.samples()) {
            last = Math.max(last, s.at());
        }
        return last;
    }
}
