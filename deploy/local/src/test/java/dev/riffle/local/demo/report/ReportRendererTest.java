package dev.riffle.local.demo.report;

import dev.riffle.local.demo.Fixtures;
import dev.riffle.local.demo.sampling.Recording;
import dev.riffle.local.demo.sampling.Recording.AlertSeen;
import dev.riffle.local.demo.sampling.Recording.AnomalyLabel;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportRendererTest {

    @Test
    void reportHasEverySectionAndNeedsNothingFromTheNetwork() {
        String html = ReportRenderer.render(Fixtures.run());

        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<h2 id=\"pipeline\">Pipeline</h2>")
                .contains("<h2 id=\"traffic\">Traffic over time</h2>")
                .contains("<h2 id=\"anomalies\">Injected anomalies and alerts</h2>")
                .contains("<h2 id=\"dead-letters\">Dead letters by reason</h2>")
                .contains("<h2 id=\"freshness-latency\">Freshness and latency</h2>")
                .contains("<h2 id=\"lake\">The Parquet files</h2>")
                .contains("<svg")
                .doesNotContain("<script")
                .doesNotContain("src=\"http")
                .doesNotContain("href=\"http");
    }

    @Test
    void everyLabelledAnomalyAndEveryAlertAppearsAndTheCaughtOneIsMarked() {
        String html = ReportRenderer.render(Fixtures.run());

        assertThat(html)
                .contains("<td>merchant_volume_spike</td><td>m-0002</td><td>10:00:30</td>")
                .contains("<td>telemetry_level_shift</td><td>d-0007/temperature</td>")
                .contains("<span class=\"ok\">1: merchant-spike</span>")
                .contains("<span class=\"miss\">none</span>")
                // the alert's row: arrival, rule, key, window, latency (arrival - window end)
                .contains(
                        "<td>10:01:35</td><td>merchant-spike</td><td>m-0002</td>"
                                + "<td>10:00:30 to 10:01:30</td><td>5.0 s</td>");
    }

    @Test
    void deadLettersAreCountedByReasonMostFirst() {
        String html = ReportRenderer.render(Fixtures.run());

        assertThat(html)
                .contains(
                        "<tr><td>MALFORMED_JSON</td><td>2</td></tr>\n"
                                + "<tr><td>OVERSIZE</td><td>1</td></tr>");
    }

    @Test
    void freshnessAndLatencyArePercentilesWithTheFirehoseBaseline() {
        String html = ReportRenderer.render(Fixtures.run());

        // freshness 4, 6, 12 s: p50 6 s, p90 = p99 = max 12 s; one alert 5 s after its window
        assertThat(html)
                .contains(
                        "<tr><td>event to committed Parquet (freshness)</td><td>3</td><td>6.0"
                                + " s</td><td>12.0 s</td><td>12.0 s</td><td>12.0 s</td><td>Firehose"
                                + " buffers at least 60 s</td></tr>")
                .contains(
                        "<tr><td>event to alert (latency), all alerts</td><td>1</td><td>5.0"
                                + " s</td><td>5.0 s</td>")
                .contains("Firehose minimum 60 s");
    }

    @Test
    void saysWhereTheFilesAreAndHowToQueryThem() {
        String html = ReportRenderer.render(Fixtures.run());

        assertThat(html)
                .contains("2 files were committed to <code>s3://riffle-lake/</code>")
                .contains("<code>/state/data/s3/riffle-lake</code>")
                .contains("<code>events/type=click/dt=2026-03-01/hr=10/part-1-0-0.parquet</code>")
                .contains("&#39;connector&#39; = &#39;filesystem&#39;")
                .contains("&#39;path&#39; = &#39;s3://riffle-lake/events/&#39;")
                .contains("&#39;format&#39; = &#39;parquet&#39;")
                .contains("read_parquet(&#39;/state/data/s3/riffle-lake/events/**/*.parquet&#39;)");
    }

    @Test
    void skippedPartsSayWhy() {
        assertThat(ReportRenderer.render(Fixtures.run()))
                .contains(
                        "<td>sql-merchant-spike</td><td>rule</td><td>SKIPPED: the kinesis SQL"
                                + " connector is not on this branch yet</td>");
    }

    @Test
    void trafficIsTheRatePerJobBetweenSamples() {
        var rates = ReportRenderer.rates(Fixtures.run().samples());

        // over at least 10 s: ingestion 0 -> 200 in 10 s, then 200 -> 400 in the next 10 s
        assertThat(rates.get("ingestion")).hasSize(2);
        assertThat(rates.get("ingestion").get(0)[1]).isEqualTo(20.0);
        assertThat(rates.get("ingestion").get(1)[1]).isEqualTo(20.0);
        assertThat(rates.get("parquet-events").get(0)[1]).isEqualTo(18.5); // 370 in 20 s
    }

    @Test
    void anAlertMatchesALabelOnItsKeyWhenItsWindowMeetsTheAnomaly() {
        long t = Fixtures.T0;
        AnomalyLabel shift =
                new AnomalyLabel("telemetry_level_shift", "d-7/temperature", t, t + 60_000);
        AlertSeen rcf =
                new AlertSeen(
                        t + 70_000,
                        "x",
                        "rcf",
                        "telemetry/d-7/temperature",
                        t + 50_000,
                        t + 50_000,
                        "");
        AlertSeen otherKey =
                new AlertSeen(
                        t + 70_000,
                        "y",
                        "rcf",
                        "telemetry/d-8/temperature",
                        t + 50_000,
                        t + 50_000,
                        "");
        AlertSeen before =
                new AlertSeen(t, "z", "rcf", "telemetry/d-7/temperature", t - 60_000, t - 1, "");

        assertThat(ReportRenderer.matching(shift, List.of(rcf, otherKey, before)))
                .containsExactly(rcf);
    }

    @Test
    void alertsAboutHistoryWrittenBeforeTheRunDoNotCountForLatency() {
        Recording r = Fixtures.run();
        AlertSeen onHistory =
                new AlertSeen(
                        r.startedAt() + 20_000,
                        "h",
                        "rcf",
                        "m-0001",
                        r.startedAt() - 120_000,
                        r.startedAt() - 60_000,
                        "");
        Recording withHistory =
                new Recording(
                        r.runId(),
                        r.startedAt(),
                        r.endedAt(),
                        r.jobs(),
                        r.samples(),
                        List.of(onHistory, r.alerts().get(0)),
                        r.deadLetters(),
                        r.lakeFiles(),
                        r.labels(),
                        r.lake());

        assertThat(ReportRenderer.latencies(withHistory)).containsExactly(5_000L);
    }

    @Test
    void latencyIsSplitByTheDetectorThatWroteTheAlert() {
        Recording r = Fixtures.run();
        long t = r.startedAt();
        List<AlertSeen> alerts =
                List.of(
                        new AlertSeen(t + 12_000, "a", "rcf", "telemetry/d/t", t, t + 10_000, ""),
                        new AlertSeen(t + 19_000, "b", "merchant-spike", "m-1", t, t + 10_000, ""),
                        new AlertSeen(t + 17_000, "c", "telemetry-breach", "d/t", t, t + 9_000, ""),
                        new AlertSeen(t + 30_000, "d", "something-new", "x", t, t + 10_000, ""));
        Recording withAlerts =
                new Recording(
                        r.runId(),
                        r.startedAt(),
                        r.endedAt(),
                        r.jobs(),
                        r.samples(),
                        alerts,
                        r.deadLetters(),
                        r.lakeFiles(),
                        r.labels(),
                        r.lake());

        assertThat(ReportRenderer.latencies(withAlerts, ReportRenderer.DATASTREAM))
                .containsExactly(2_000L, 9_000L);
        assertThat(ReportRenderer.latencies(withAlerts, ReportRenderer.SQL))
                .containsExactly(8_000L);
        assertThat(ReportRenderer.latencies(withAlerts))
                .containsExactly(2_000L, 9_000L, 8_000L, 20_000L);
        assertThat(ReportRenderer.render(withAlerts))
                .contains("<td>  of the DataStream detector (rcf, merchant-spike)</td><td>2</td>")
                .contains("<td>  of the SQL rule (telemetry-breach)</td><td>1</td>");
    }

    @Test
    void aRunWithoutAlertsSaysHowToGetSome() {
        Recording r = Fixtures.run();
        Recording quiet =
                new Recording(
                        r.runId(),
                        r.startedAt(),
                        r.endedAt(),
                        r.jobs(),
                        r.samples(),
                        List.of(),
                        List.of(),
                        List.of(),
                        r.labels(),
                        r.lake());

        assertThat(ReportRenderer.render(quiet))
                .contains("No alert fired.")
                .contains("--duration 15m")
                .contains("No dead letter arrived.");
    }
}
