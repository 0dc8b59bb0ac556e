package dev.riffle.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads the SQL client's output of a {@code -f} script, line by line, for the two things its exit
 * code does not tell: a statement that failed (the client prints an {@code [ERROR]} and still exits
 * with 0), and, with {@code --until-rows N}, that a streaming query has printed N rows. A SELECT
 * over an unbounded source (a Kinesis stream) never ends by itself; once it has shown N rows the
 * watcher cancels its job through the REST API, as a user would cancel it in the web UI, and the
 * client's report of that cancellation is not a failure.
 */
final class SqlOutputWatcher implements Consumer<String> {
    static final String STATEMENT_FAILED = "[ERROR] Could not execute SQL statement";
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*m");

    /** A result row of a streaming query in tableau mode: {@code | +I | 1 | alpha |}. */
    private static final Pattern CHANGELOG_ROW = Pattern.compile("^\\|\\s*[+-][IUD]\\s*\\|.*");

    private final long untilRows;
    private final FlinkRest rest;
    private final long startedMillis;
    private long rows;
    private boolean cancelled;
    private boolean errorPending;
    private boolean failed;

    /**
     * @param untilRows 0 to let every query run to its end
     * @param rest the cluster, to cancel the streaming query's job
     * @param startedMillis when the script started: only jobs submitted since are candidates
     */
    SqlOutputWatcher(long untilRows, FlinkRest rest, long startedMillis) {
        this.untilRows = untilRows;
        this.rest = rest;
        this.startedMillis = startedMillis;
    }

    @Override
    public void accept(String rawLine) {
        String line = ANSI.matcher(rawLine).replaceAll("").trim();
        if (errorPending) {
            // The reason follows the marker on the next line.
            errorPending = false;
            if (!(cancelled && line.contains("JobCancellationException"))) {
                failed = true;
            }
        }
        if (line.contains(STATEMENT_FAILED)) {
            errorPending = true;
        }
        if (untilRows > 0 && !cancelled && CHANGELOG_ROW.matcher(line).matches()) {
            rows++;
            if (rows >= untilRows) {
                cancelNewestQuery();
            }
        }
    }

    private void cancelNewestQuery() {
        try {
            JsonNode newest = null;
            for (JsonNode job : rest.jobs().path("jobs")) {
                boolean candidate =
                        job.path("state").asText().equals("RUNNING")
                                && job.path("name").asText().startsWith("SELECT")
                                && job.path("start-time").asLong() >= startedMillis;
                if (candidate
                        && (newest == null
                                || job.path("start-time").asLong()
                                        > newest.path("start-time").asLong())) {
                    newest = job;
                }
            }
            if (newest != null) {
                rest.cancel(newest.path("jid").asText());
                cancelled = true;
                System.out.println(
                        "riffle: "
                                + rows
                                + " rows received (--until-rows): cancelling the query's job "
                                + newest.path("jid").asText());
            }
        } catch (IOException e) {
            System.out.println("riffle: could not cancel the streaming query: " + e);
        }
    }

    /**
     * Whether a statement failed for a reason other than the cancellation this watcher asked for.
     */
    boolean failed() {
        return failed || errorPending;
    }

    long rows() {
        return rows;
    }
}
