package dev.riffle.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL client exits with 0 even when a statement of its script failed; the watcher reads the
 * output instead.
 */
class SqlOutputWatcherTest {
    private final SqlOutputWatcher watcher =
            new SqlOutputWatcher(0, new FlinkRest("http://127.0.0.1:1"), 0);

    @Test
    void aCleanRunIsNoFailureAndCountsNoRowsWithoutUntilRows() {
        watcher.accept("\u001B[34;1m[INFO] Execute statement succeeded.\u001B[0m");
        watcher.accept("| +I |           1 |                  kinesis-alpha |");

        assertThat(watcher.failed()).isFalse();
        assertThat(watcher.rows()).isZero();
    }

    @Test
    void aFailedStatementIsAFailureWhateverItsReason() {
        watcher.accept("Flink SQL> \u001B[31;1m[ERROR] Could not execute SQL statement. Reason:");
        watcher.accept(
                "org.apache.flink.runtime.client.JobCancellationException: Job was"
                        + " cancelled.\u001B[0m");

        assertThat(watcher.failed()).isTrue();
    }

    @Test
    void anErrorAsTheLastLineIsAFailure() {
        watcher.accept("[ERROR] Could not execute SQL statement. Reason:");

        assertThat(watcher.failed()).isTrue();
    }
}
