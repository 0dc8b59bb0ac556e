package dev.riffle.local.demo.sampling;

import dev.riffle.local.demo.sampling.Recording.AlertSeen;
import dev.riffle.local.demo.sampling.Recording.AnomalyLabel;
import dev.riffle.local.demo.sampling.Recording.DeadLetterSeen;
import dev.riffle.local.demo.sampling.Recording.JobRun;
import dev.riffle.local.demo.sampling.Recording.JobSample;
import dev.riffle.local.demo.sampling.Recording.LakeFile;
import dev.riffle.local.demo.sampling.Recording.LakeInfo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects a run's observations from the sampling thread and the command's thread; {@link
 * #snapshot()} is a consistent copy for the live summary and the report.
 */
public final class Recorder {
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    // Derived values (an alert's latency) are written for readers, not read back.
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final String runId;
    private long startedAt;
    private long endedAt;
    private final LakeInfo lake;
    private final List<JobRun> jobs = new ArrayList<>();
    private final List<JobSample> samples = new ArrayList<>();
    private final List<AlertSeen> alerts = new ArrayList<>();
    private final List<DeadLetterSeen> deadLetters = new ArrayList<>();
    private final List<LakeFile> lakeFiles = new ArrayList<>();
    private final List<AnomalyLabel> labels = new ArrayList<>();

    public Recorder(String runId, long startedAt, LakeInfo lake) {
        this.runId = runId;
        this.startedAt = startedAt;
        this.lake = lake;
    }

    public synchronized void started(long at) {
        startedAt = at;
    }

    public synchronized long startedAt() {
        return startedAt;
    }

    public synchronized void ended(long at) {
        endedAt = at;
    }

    public synchronized void job(JobRun job) {
        jobs.removeIf(j -> j.name().equals(job.name()));
        jobs.add(job);
    }

    public synchronized void samples(List<JobSample> round) {
        samples.addAll(round);
    }

    public synchronized void alert(AlertSeen alert) {
        // Kinesis delivery is at-least-once: an alert id seen again is the same alert.
        if (alerts.stream().noneMatch(a -> a.alertId().equals(alert.alertId()))) {
            alerts.add(alert);
        }
    }

    public synchronized void deadLetter(DeadLetterSeen deadLetter) {
        deadLetters.add(deadLetter);
    }

    public synchronized void lakeFile(LakeFile file) {
        lakeFiles.add(file);
    }

    public synchronized void labels(List<AnomalyLabel> injected) {
        labels.clear();
        labels.addAll(injected);
    }

    public synchronized Recording snapshot() {
        return new Recording(
                runId,
                startedAt,
                endedAt,
                List.copyOf(jobs),
                List.copyOf(samples),
                List.copyOf(alerts),
                List.copyOf(deadLetters),
                List.copyOf(lakeFiles),
                List.copyOf(labels),
                lake);
    }

    public static void save(Recording recording, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), recording);
        Files.move(
                tmp,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static Recording load(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Recording.class);
    }
}
