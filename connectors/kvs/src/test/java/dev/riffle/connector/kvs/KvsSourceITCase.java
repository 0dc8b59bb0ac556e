package dev.riffle.connector.kvs;

import dev.riffle.testing.LocalAws;
import dev.riffle.testing.kvs.LocalKvsEndpoint;
import dev.riffle.testing.kvs.SyntheticFragment;
import dev.riffle.testing.kvs.SyntheticVideo;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KVS source in a Flink MiniCluster at parallelism 2: bounded over files, live over GetMedia.
 */
class KvsSourceITCase {

    @Test
    void boundedModeReadsEveryFragmentOfEveryFileThenEnds(@TempDir Path dir) throws Exception {
        SyntheticVideo door = SyntheticVideo.builder().fragments(4).build();
        SyntheticVideo yard = SyntheticVideo.builder().fragments(3).firstFragmentIndex(100).build();
        Path a = door.writeTo(dir.resolve("door.mkv"));
        Path b = yard.writeTo(dir.resolve("yard.mkv"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);

        KvsSource source = KvsSource.builder().files(a.toString(), b.toString()).build();
        List<KvsFragment> read =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "kvs-files")
                        .executeAndCollect(100);

        List<String> expected = new ArrayList<>();
        door.fragments().forEach(f -> expected.add(f.fragmentNumber()));
        yard.fragments().forEach(f -> expected.add(f.fragmentNumber()));
        assertThat(read)
                .extracting(KvsFragment::getFragmentNumber)
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(read.stream().filter(f -> f.getStream().equals(a.toString())))
                .extracting(KvsFragment::getFragmentNumber)
                .as("in order within a file")
                .containsExactlyElementsOf(
                        door.fragments().stream()
                                .map(SyntheticFragment::fragmentNumber)
                                .collect(Collectors.toList()));
    }

    @Test
    void liveModeReadsEachStreamOnceAcrossReaders() throws Exception {
        try (LocalKvsEndpoint kvs = LocalKvsEndpoint.start(Duration.ofMillis(300), 3)) {
            String door = kvs.createStream("door");
            String yard = kvs.createStream("yard");
            SyntheticVideo doorVideo = SyntheticVideo.builder().fragments(5).build();
            SyntheticVideo yardVideo =
                    SyntheticVideo.builder().fragments(5).firstFragmentIndex(50).build();
            kvs.append("door", doorVideo.fragments());
            kvs.append("yard", yardVideo.fragments());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            KvsSource source =
                    KvsSource.builder()
                            .properties(
                                    Map.of(
                                            "aws.endpoint", kvs.endpoint().toString(),
                                            "aws.credentials.provider.basic.accesskeyid",
                                                    LocalAws.ACCESS_KEY_ID,
                                            "aws.credentials.provider.basic.secretkey",
                                                    LocalAws.SECRET_ACCESS_KEY))
                            .streamArns(door, yard)
                            .startSelector(StartSelector.earliest())
                            .idleReconnectDelay(Duration.ofMillis(200))
                            .build();
            DataStream<KvsFragment> stream =
                    env.fromSource(
                            source,
                            WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(1)),
                            "kvs-live");

            List<KvsFragment> read = new ArrayList<>();
            try (CloseableIterator<KvsFragment> it = stream.executeAndCollect("kvs-live")) {
                while (read.size() < 10 && it.hasNext()) {
                    read.add(it.next());
                }
            }

            assertThat(read).extracting(KvsFragment::getStream).containsOnly(door, yard);
            assertThat(read.stream().map(KvsFragment::getFragmentNumber))
                    .doesNotHaveDuplicates()
                    .hasSize(10);
            assertThat(kvs.maxConcurrentConnections("door")).isEqualTo(1);
            assertThat(kvs.maxConcurrentConnections("yard")).isEqualTo(1);
        }
    }
}
