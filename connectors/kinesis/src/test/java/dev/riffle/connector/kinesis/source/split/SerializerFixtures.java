package dev.riffle.connector.kinesis.source.split;

import dev.riffle.connector.kinesis.source.enumerator.KinesisEnumeratorState;
import dev.riffle.connector.kinesis.source.enumerator.KinesisEnumeratorStateSerializer;
import dev.riffle.connector.kinesis.source.enumerator.tracker.ShardEntry;
import dev.riffle.connector.kinesis.source.enumerator.tracker.ShardStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The checkpoint contents whose bytes are stored as test resources, and the helper that wrote them.
 * Run {@code main} only when adding a new version's fixtures: the stored bytes of old versions must
 * never change.
 */
public final class SerializerFixtures {

    static final String ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/events";

    /** Splits covering every position type, parents, hash keys and the finished flag. */
    public static List<KinesisShardSplit> splits() {
        return List.of(
                new KinesisShardSplit(
                        ARN,
                        "shardId-000000000000",
                        StartingPosition.trimHorizon(),
                        Set.of(),
                        "0",
                        "170141183460469231731687303715884105727",
                        false),
                new KinesisShardSplit(
                        ARN,
                        "shardId-000000000001",
                        StartingPosition.atTimestamp(Instant.ofEpochMilli(1_714_557_600_123L)),
                        Set.of(),
                        null,
                        null,
                        false),
                new KinesisShardSplit(
                        ARN,
                        "shardId-000000000002",
                        StartingPosition.atSequenceNumber(
                                "49590338271490256608559692538361571095921575989136588898"),
                        Set.of("shardId-000000000000"),
                        null,
                        null,
                        false),
                new KinesisShardSplit(
                        ARN,
                        "shardId-000000000003",
                        StartingPosition.afterSubSequenceNumber(
                                "49590338271490256608559692538361571095921575989136588899", 7),
                        Set.of("shardId-000000000000", "shardId-000000000001"),
                        null,
                        null,
                        false),
                new KinesisShardSplit(
                        ARN,
                        "shardId-000000000004",
                        StartingPosition.afterSequenceNumber(
                                "49590338271490256608559692538361571095921575989136588900"),
                        Set.of(),
                        null,
                        null,
                        true));
    }

    public static KinesisEnumeratorState enumeratorState() {
        List<KinesisShardSplit> s = splits();
        return new KinesisEnumeratorState(
                List.of(
                        new ShardEntry(s.get(0), ShardStatus.FINISHED, ShardEntry.NO_OWNER),
                        new ShardEntry(s.get(1), ShardStatus.ASSIGNED, 1),
                        new ShardEntry(s.get(2), ShardStatus.UNASSIGNED, ShardEntry.NO_OWNER)),
                true);
    }

    /** Writes the current version's fixtures into src/test/resources. */
    public static void main(String[] args) throws Exception {
        Path dir =
                Paths.get(
                        args.length > 0
                                ? args[0]
                                : "connectors/kinesis/src/test/resources/serializer");
        Files.createDirectories(dir);
        KinesisShardSplitSerializer splitSerializer = new KinesisShardSplitSerializer();
        List<KinesisShardSplit> splits = splits();
        for (int i = 0; i < splits.size(); i++) {
            Files.write(
                    dir.resolve("split-v" + splitSerializer.getVersion() + "-" + i + ".bin"),
                    splitSerializer.serialize(splits.get(i)));
        }
        KinesisEnumeratorStateSerializer stateSerializer = new KinesisEnumeratorStateSerializer();
        Files.write(
                dir.resolve("enumerator-state-v" + stateSerializer.getVersion() + ".bin"),
                stateSerializer.serialize(enumeratorState()));
    }

    private SerializerFixtures() {}
}
