package dev.riffle.jobs.parquet.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommitTrackerTest {

    @Test
    void freshnessIsTheAgeOfTheOldestRecordNotYetCommitted() {
        CommitTracker t = new CommitTracker();
        assertThat(t.freshnessMillis(1_000)).isZero();
        t.add(100, 10, true);
        t.add(200, 10, false);
        assertThat(t.freshnessMillis(1_000)).isEqualTo(900);
        t.onSnapshot(1);
        t.add(500, 5, true);
        assertThat(t.freshnessMillis(1_000)).isEqualTo(900);

        CommitTracker.Epoch delivered = t.onCheckpointComplete(1);
        assertThat(delivered.records).isEqualTo(1);
        assertThat(delivered.bytes).isEqualTo(10);
        assertThat(delivered.errors).isEqualTo(1);
        assertThat(t.freshnessMillis(1_000))
                .as("only the record after checkpoint 1")
                .isEqualTo(500);

        t.onSnapshot(2);
        t.onSnapshot(3);
        assertThat(t.onCheckpointComplete(3).records).as("3 subsumes 2").isEqualTo(1);
        assertThat(t.freshnessMillis(1_000)).isZero();
    }

    @Test
    void aCheckpointCompletingLateDeliversOnlyItsOwnEpochs() {
        CommitTracker t = new CommitTracker();
        t.add(100, 1, true);
        t.onSnapshot(1);
        t.add(200, 1, true);
        t.onSnapshot(2);
        assertThat(t.onCheckpointComplete(1).records).isEqualTo(1);
        assertThat(t.freshnessMillis(300)).isEqualTo(100);
    }
}
