package dev.riffle.local.demo;

import dev.riffle.local.demo.sampling.Recording;
import dev.riffle.local.demo.sampling.Recording.AlertSeen;
import dev.riffle.local.demo.sampling.Recording.AnomalyLabel;
import dev.riffle.local.demo.sampling.Recording.DeadLetterSeen;
import dev.riffle.local.demo.sampling.Recording.JobRun;
import dev.riffle.local.demo.sampling.Recording.JobSample;
import dev.riffle.local.demo.sampling.Recording.LakeFile;
import dev.riffle.local.demo.sampling.Recording.Status;

import java.time.Instant;
import java.util.List;

/** A fixed demo run: two jobs, one skipped, two labelled anomalies, one alert, dead letters. */
public final class Fixtures {
    public static final long T0 = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();

    private Fixtures() {}

    public static Recording run() {
        return new Recording(
                "20260301-100000",
                T0,
                T0 + 120_000,
                List.of(
                        new JobRun("ingestion", "raw -> events", Status.SUBMITTED, "j1", null),
                        new JobRun(
                                "parquet-events", "events -> lake", Status.SUBMITTED, "j2", null),
                        new JobRun(
                                "sql-merchant-spike",
                                "rule",
                                Status.SKIPPED,
                                null,
                                "the kinesis SQL connector is not on this branch yet")),
                List.of(
                        new JobSample(T0 + 10_000, "ingestion", "RUNNING", 0, 0, -1),
                        new JobSample(T0 + 20_000, "ingestion", "RUNNING", 200, 190, 40),
                        new JobSample(T0 + 30_000, "ingestion", "RUNNING", 400, 385, 10),
                        new JobSample(T0 + 10_000, "parquet-events", "RUNNING", 0, 0, -1),
                        new JobSample(T0 + 30_000, "parquet-events", "RUNNING", 370, 370, 0)),
                List.of(
                        new AlertSeen(
                                T0 + 95_000,
                                "a1",
                                "merchant-spike",
                                "m-0002",
                                T0 + 30_000,
                                T0 + 90_000,
                                "36 transactions in one minute, 6.0x the trailing average")),
                List.of(
                        new DeadLetterSeen(T0 + 11_000, "riffle-ingestion", "MALFORMED_JSON"),
                        new DeadLetterSeen(T0 + 12_000, "riffle-ingestion", "MALFORMED_JSON"),
                        new DeadLetterSeen(T0 + 13_000, "riffle-ingestion", "OVERSIZE")),
                List.of(
                        new LakeFile(
                                T0 + 25_000,
                                "events/type=click/dt=2026-03-01/hr=10/part-1-0-0.parquet",
                                2048,
                                3,
                                List.of(4_000L, 6_000L, 12_000L)),
                        new LakeFile(
                                T0 + 26_000,
                                "errors/reason=OVERSIZE/dt=2026-03-01/part-2-0-0.parquet",
                                1024,
                                0,
                                List.of())),
                List.of(
                        new AnomalyLabel(
                                "merchant_volume_spike", "m-0002", T0 + 30_000, T0 + 60_000),
                        new AnomalyLabel(
                                "telemetry_level_shift",
                                "d-0007/temperature",
                                T0 + 70_000,
                                T0 + 100_000)),
                new Recording.LakeInfo(
                        "riffle-lake", "/state/data/s3/riffle-lake", "http://127.0.0.1:4569"));
    }
}
