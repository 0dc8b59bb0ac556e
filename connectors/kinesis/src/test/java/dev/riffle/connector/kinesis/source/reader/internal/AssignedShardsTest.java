package dev.riffle.connector.kinesis.source.reader.internal;

import dev.riffle.connector.kinesis.source.metrics.ShardMetrics;
import dev.riffle.connector.kinesis.source.split.KinesisShardSplit;
import dev.riffle.connector.kinesis.source.split.StartingPosition;

import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsRemoval;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssignedShardsTest {
    private static final String STREAM = "arn:aws:kinesis:us-east-1:000000000000:stream/s";

    private final AssignedShards<Cursor> shards =
            new AssignedShards<>(
                    UnregisteredMetricsGroup.createSourceReaderMetricGroup(), Cursor::new);

    @Test
    void cursorsFollowAssignmentOrderAndAFinishedShardKeepsItsMetrics() {
        KinesisShardSplit b = split("shardId-000000000001");
        KinesisShardSplit a = split("shardId-000000000000");

        assertThat(shards.add(new SplitsAddition<>(List.of(b, a)))).containsExactly(b, a);
        assertThat(shards.cursors())
                .extracting(c -> c.shardId)
                .containsExactly(b.shardId(), a.shardId());

        Cursor finished = shards.cursors().iterator().next();
        shards.finish(b.shardId());

        assertThat(shards.contains(b.shardId())).isFalse();
        assertThat(shards.cursors()).extracting(c -> c.shardId).containsExactly(a.shardId());
        assertThat(shards.metrics(b.shardId())).isSameAs(finished.metrics);
    }

    @Test
    void pausingAndResumingSetsTheFlagOfAssignedShardsOnly() {
        KinesisShardSplit a = split("shardId-000000000000");
        KinesisShardSplit gone = split("shardId-000000000009");
        shards.add(new SplitsAddition<>(List.of(a)));

        shards.pauseOrResume(List.of(a, gone), List.of());
        assertThat(shards.cursors()).extracting(c -> c.paused).containsExactly(true);

        shards.pauseOrResume(List.of(), List.of(a));
        assertThat(shards.cursors()).extracting(c -> c.paused).containsExactly(false);
        assertThat(shards.contains(gone.shardId())).isFalse();
    }

    @Test
    void aRemovalIsRefusedNamingIt() {
        assertThatThrownBy(
                        () ->
                                shards.add(
                                        new SplitsRemoval<>(
                                                List.of(split("shardId-000000000000")))))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining(SplitsRemoval.class.getName());
    }

    private static KinesisShardSplit split(String shardId) {
        return new KinesisShardSplit(
                STREAM, shardId, StartingPosition.trimHorizon(), Set.of(), null, null, false);
    }

    private static final class Cursor extends ShardCursor {
        Cursor(KinesisShardSplit split, ShardMetrics metrics) {
            super(split, metrics, 0);
        }
    }
}
