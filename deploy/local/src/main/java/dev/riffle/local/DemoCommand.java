package dev.riffle.local;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code riffle demo}: {@code up}, then a round trip through the cluster in the SQL client
 * (built-in connectors, then our Kinesis connector once connectors/kinesis-sql exists), then every
 * job that has a module and a local configuration in deploy/local/config/&lt;job&gt;.json.
 */
final class DemoCommand {
    static final String ROUND_TRIP = "deploy/local/sql/round-trip.sql";
    static final String KINESIS_ROUND_TRIP = "deploy/local/sql/kinesis-round-trip.sql";

    private final Layout layout;
    private final PrintStream out;

    DemoCommand(Layout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    int run() {
        int status = new UpCommand(layout, out).run();
        if (status != 0) {
            return status;
        }
        SqlCommand sql = new SqlCommand(layout, out);
        out.println();
        out.println("== Round trip through the cluster: rows -> the lake on s3proxy -> printed");
        status = sql.run(List.of(layout.repo().resolve(ROUND_TRIP).toString()));
        if (status != 0) {
            return status;
        }
        Path kinesisScript = layout.repo().resolve(KINESIS_ROUND_TRIP);
        if (sql.kinesisSqlJar().isPresent() && Files.exists(kinesisScript)) {
            out.println();
            out.println("== Round trip through kinesis-mock with the kinesis SQL connector");
            // The read-back query is a streaming one: it ends once this run's three rows are shown.
            status = sql.run(List.of(kinesisScript.toString(), "--until-rows", "3"));
            if (status != 0) {
                return status;
            }
        }
        Path configs = layout.repo().resolve("deploy/local/config");
        SubmitCommand submit = new SubmitCommand(layout, out);
        for (String job : DemoJobs.JOBS) {
            Path config = configs.resolve(job + ".json");
            if (Files.isRegularFile(layout.repo().resolve("jobs").resolve(job).resolve("pom.xml"))
                    && Files.isRegularFile(config)) {
                out.println();
                out.println("== Submitting " + job);
                status = submit.run(List.of(job, "--config", config.toString()));
                if (status != 0) {
                    return status;
                }
            }
        }
        out.println();
        out.println(
                "riffle: demo running; watch it with `deploy/local/riffle status` or the web UI.");
        return 0;
    }

    /** The suite's jobs in pipeline order. */
    static final class DemoJobs {
        static final List<String> JOBS =
                List.of(
                        "ingestion",
                        "parquet-delivery",
                        "anomaly-detection",
                        "video-enrichment",
                        "sql-runner");

        private DemoJobs() {}
    }
}
