package dev.riffle.local.demo.sampling;

import java.util.List;

/**
 * Everything one demo run observed, as plain data: what the live summary shows and what the report
 * is rendered from. Times are epoch milliseconds (UTC). Saved as JSON beside the report, so {@code
 * riffle report} can render it again.
 *
 * @param runId the run's id (its start, as yyyyMMdd-HHmmss)
 * @param startedAt when the traffic started
 * @param endedAt when the run stopped (0 while it runs)
 * @param jobs each part of the pipeline: submitted, skipped (and why) or failed
 * @param samples records in/out and consumer lag per job, one per job and sampling round
 * @param alerts alerts read from the alerts stream, in arrival order
 * @param deadLetters dead letters read from the dead-letter stream
 * @param lakeFiles files committed to the lake during the run
 * @param labels the anomalies the generator injected (its --labels file)
 * @param lake where the lake is and how to reach it
 */
public record Recording(
        String runId,
        long startedAt,
        long endedAt,
        List<JobRun> jobs,
        List<JobSample> samples,
        List<AlertSeen> alerts,
        List<DeadLetterSeen> deadLetters,
        List<LakeFile> lakeFiles,
        List<AnomalyLabel> labels,
        LakeInfo lake) {

    /** A part of the pipeline and what became of it. */
    public record JobRun(String name, String what, Status status, String jobId, String reason) {}

    /** What became of a part of the pipeline. */
    public enum Status {
        SUBMITTED,
        SKIPPED,
        FAILED
    }

    /**
     * One sampling round of one job, from Flink's REST API: records its sources read ({@code in}),
     * records handed to its sinks ({@code out}), the largest {@code millisBehindLatest} of its
     * Kinesis sources ({@code lagMillis}, -1 when it has none or has not read yet).
     */
    public record JobSample(long at, String job, String state, long in, long out, long lagMillis) {}

    /**
     * An alert as it arrived in the alerts stream ({@code arrivedAt}: Kinesis' approximate arrival
     * time). {@code windowEnd} is the end of the event-time interval it is about; {@code latency}
     * is arrival minus that end: the time from the last event the alert covers to the alert.
     */
    public record AlertSeen(
            long arrivedAt,
            String alertId,
            String what,
            String key,
            long windowStart,
            long windowEnd,
            String explanation) {
        public long latencyMillis() {
            return arrivedAt - windowEnd;
        }
    }

    /** A dead letter as it arrived: the job that rejected the record, and why. */
    public record DeadLetterSeen(long arrivedAt, String jobName, String errorType) {}

    /**
     * A file that became visible in the lake ({@code seenAt}: first listing that showed it). For
     * Parquet files of events, {@code freshnessMillis} holds, per row, the time from the event's
     * arrival in Kinesis ({@code receivedAt}) to its file being committed.
     */
    public record LakeFile(
            long seenAt, String key, long size, long rows, List<Long> freshnessMillis) {}

    /** An injected anomaly, as the generator labels it. */
    public record AnomalyLabel(String kind, String key, long start, long end) {}

    /**
     * Where the lake is: the bucket, the local folder s3proxy keeps its objects in, and the S3
     * endpoint.
     */
    public record LakeInfo(String bucket, String localFolder, String s3Endpoint) {}
}
