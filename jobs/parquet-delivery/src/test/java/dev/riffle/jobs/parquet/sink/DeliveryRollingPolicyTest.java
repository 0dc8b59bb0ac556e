package dev.riffle.jobs.parquet.sink;

import org.apache.flink.streaming.api.functions.sink.filesystem.PartFileInfo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryRollingPolicyTest {

    /** A part file whose size and last write the test sets, counting how often the size is read. */
    private static final class Part implements PartFileInfo<String> {
        long size;
        long lastUpdate;
        int sizeReads;

        @Override
        public String getBucketId() {
            return "2026/03/01/22/";
        }

        @Override
        public long getCreationTime() {
            return 0;
        }

        @Override
        public long getSize() {
            sizeReads++;
            return size;
        }

        @Override
        public long getLastUpdateTime() {
            return lastUpdate;
        }
    }

    @Test
    void theSizeIsReadOnTheFirstRecordThenOnceEveryFewRecords() throws Exception {
        DeliveryRollingPolicy<String, String> policy = new DeliveryRollingPolicy<>(1_000, 60_000);
        Part part = new Part();
        part.size = 1_000;
        assertThat(policy.shouldRollOnEvent(part, "r")).as("first record").isTrue();

        Part next = new Part();
        for (int i = 1; i < DeliveryRollingPolicy.SIZE_CHECK_EVERY; i++) {
            assertThat(policy.shouldRollOnEvent(next, "r")).isFalse();
        }
        next.size = 999;
        assertThat(policy.shouldRollOnEvent(next, "r")).as("below the limit").isFalse();
        assertThat(next.sizeReads).isEqualTo(1);

        next.size = 1_000;
        for (int i = 1; i < DeliveryRollingPolicy.SIZE_CHECK_EVERY; i++) {
            assertThat(policy.shouldRollOnEvent(next, "r")).isFalse();
        }
        assertThat(policy.shouldRollOnEvent(next, "r")).as("at the limit").isTrue();
        assertThat(next.sizeReads).isEqualTo(2);
    }

    @Test
    void theBucketCheckRollsAFileThatIsTooBigOrInactive() throws Exception {
        DeliveryRollingPolicy<String, String> policy = new DeliveryRollingPolicy<>(1_000, 60_000);
        Part part = new Part();
        part.lastUpdate = 100_000;
        part.size = 10;
        assertThat(policy.shouldRollOnProcessingTime(part, 159_999)).isFalse();
        assertThat(policy.shouldRollOnProcessingTime(part, 160_000)).as("inactive").isTrue();
        part.size = 1_000;
        assertThat(policy.shouldRollOnProcessingTime(part, 100_001))
                .as("too big, whichever records the size checks fell on")
                .isTrue();
    }

    @Test
    void filesAreRolledAtEveryCheckpoint() throws Exception {
        assertThat(
                        new DeliveryRollingPolicy<String, String>(1_000, 60_000)
                                .shouldRollOnCheckpoint(new Part()))
                .isTrue();
    }
}
