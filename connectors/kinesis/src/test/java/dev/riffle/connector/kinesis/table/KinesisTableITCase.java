package dev.riffle.connector.kinesis.table;

import dev.riffle.connector.kinesis.source.testutil.LocalFlink;
import dev.riffle.testing.Await;
import dev.riffle.testing.kinesis.KinesisMockExtension;
import dev.riffle.testing.kinesis.Shards;
import dev.riffle.testing.kinesis.StreamRecord;
import dev.riffle.testing.kinesis.TestStream;

import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.math.BigInteger;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** SQL over kinesis-mock on a MiniCluster at parallelism 2: the 'kinesis' table, read and write. */
class KinesisTableITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    /** Explicit hash keys in the first and the second half of the key space: shard 0 and 1. */
    private static final String[] SHARD_HASH_KEYS = {
        "1", BigInteger.ONE.shiftLeft(127).add(BigInteger.ONE).toString()
    };

    private static LocalFlink flink;
    private StreamTableEnvironment tEnv;

    @BeforeAll
    static void startFlink() throws Exception {
        flink = new LocalFlink();
    }

    @AfterAll
    static void stopFlink() throws Exception {
        flink.close();
    }

    @BeforeEach
    void tableEnvironment() {
        tEnv = StreamTableEnvironment.create(flink.env());
    }

    /** The WITH options that point a table at {@code stream} on the emulator. */
    private static String with(TestStream stream, String... extra) {
        List<String> options = new ArrayList<>();
        options.add("'connector' = 'kinesis'");
        options.add("'stream.arn' = '" + stream.arn() + "'");
        KINESIS.mock()
                .connectorProperties(false)
                .forEach((k, v) -> options.add("'" + k + "' = '" + v + "'"));
        options.add("'source.shard.discovery.interval' = '500 ms'");
        options.add("'source.reader.empty-records-fetch-interval' = '100 ms'");
        options.add("'format' = 'json'");
        options.addAll(Arrays.asList(extra));
        return " WITH (\n  " + String.join(",\n  ", options) + "\n)";
    }

    private static PutRecordsRequestEntry json(int shard, String key, String id, String ts) {
        return PutRecordsRequestEntry.builder()
                .partitionKey(key)
                .explicitHashKey(SHARD_HASH_KEYS[shard])
                .data(
                        SdkBytes.fromUtf8String(
                                "{\"id\":\""
                                        + id
                                        + "\",\"amount\":"
                                        + id.length()
                                        + ",\"ts\":\""
                                        + ts
                                        + "\"}"))
                .build();
    }

    /** Rows of a running query, drained on a background thread; closing cancels the query. */
    private static final class Rows implements AutoCloseable {
        final List<Row> rows = new CopyOnWriteArrayList<>();
        final CloseableIterator<Row> iterator;

        Rows(TableResult result) {
            iterator = result.collect();
            Thread drain =
                    new Thread(
                            () -> {
                                try {
                                    while (iterator.hasNext()) {
                                        rows.add(iterator.next());
                                    }
                                } catch (Exception ignored) {
                                    // cancelled by close()
                                }
                            });
            drain.setDaemon(true);
            drain.start();
        }

        List<Row> await(int count) {
            return Await.until(
                    DEADLINE,
                    () -> new ArrayList<>(rows),
                    r -> r.size() >= count,
                    () -> count + " rows, have " + rows.size() + ": " + rows);
        }

        @Override
        public void close() throws Exception {
            iterator.close();
        }
    }

    @Test
    void everyMetadataColumnIsFilledFromTheRecordItCameFrom(@Shards(2) TestStream stream)
            throws Exception {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            entries.add(json(i % 2, "key-" + i, "id-" + i, "2024-05-01 10:00:00.000"));
        }
        stream.putAll(entries);
        Map<String, StreamRecord> written = new TreeMap<>();
        for (StreamRecord r : stream.readAll()) {
            written.put(r.text().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"), r);
        }
        tEnv.executeSql(
                "CREATE TABLE events (\n"
                        + "  id STRING,\n"
                        + "  amount INT,\n"
                        + "  ts TIMESTAMP(3),\n"
                        + "  arrival TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,\n"
                        + "  shard STRING METADATA FROM 'shard-id' VIRTUAL,\n"
                        + "  seq STRING METADATA FROM 'sequence-number' VIRTUAL,\n"
                        + "  pk STRING METADATA FROM 'partition-key' VIRTUAL\n"
                        + ")"
                        + with(stream, "'source.init.position' = 'TRIM_HORIZON'"));

        try (Rows out =
                new Rows(tEnv.executeSql("SELECT id, arrival, shard, seq, pk FROM events"))) {
            List<Row> rows = out.await(20);

            assertThat(rows.stream().map(r -> (String) r.getField("id")))
                    .containsExactlyInAnyOrderElementsOf(written.keySet());
            for (Row row : rows) {
                StreamRecord record = written.get((String) row.getField("id"));
                assertThat(row.getField("shard")).isEqualTo(record.shardId());
                assertThat(row.getField("seq")).isEqualTo(record.sequenceNumber());
                assertThat(row.getField("pk")).isEqualTo(record.partitionKey());
                assertThat(row.getField("arrival"))
                        .isEqualTo(record.approximateArrival().truncatedTo(ChronoUnit.MILLIS));
            }
            assertThat(rows.stream().map(r -> (String) r.getField("shard")).distinct()).hasSize(2);
        }
    }

    @Test
    void aWatermarkDeclaredInTheDdlClosesTumblingWindows(@Shards(2) TestStream stream)
            throws Exception {
        tEnv.executeSql(
                "CREATE TABLE clicks (\n"
                        + "  id STRING,\n"
                        + "  amount INT,\n"
                        + "  ts TIMESTAMP(3),\n"
                        + "  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND\n"
                        + ")"
                        + with(stream, "'source.init.position' = 'TRIM_HORIZON'"));
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        // Window [10:00:00, 10:00:10) gets a0..a5, window [10:00:10, 10:00:20) b0..b3, on both
        // shards; a record at 10:01 on each shard moves both shards' watermarks past both windows.
        for (int i = 0; i < 6; i++) {
            entries.add(json(i % 2, "a", "a" + i, "2024-05-01 10:00:0" + i + ".000"));
        }
        for (int i = 0; i < 4; i++) {
            entries.add(json(i % 2, "b", "b" + i, "2024-05-01 10:00:1" + (i + 2) + ".500"));
        }
        entries.add(json(0, "late", "z0", "2024-05-01 10:01:00.000"));
        entries.add(json(1, "late", "z1", "2024-05-01 10:01:00.000"));
        stream.putAll(entries);

        try (Rows out =
                new Rows(
                        tEnv.executeSql(
                                "SELECT CAST(window_start AS STRING) AS w, COUNT(*) AS n,"
                                        + " LISTAGG(id) AS ids\n"
                                        + "FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts),"
                                        + " INTERVAL '10' SECOND))\n"
                                        + "GROUP BY window_start, window_end"))) {
            List<Row> windows = out.await(2);

            Map<String, String> byWindow = new TreeMap<>();
            for (Row w : windows) {
                byWindow.put(
                        (String) w.getField("w"),
                        w.getField("n")
                                + " "
                                + new TreeSet<>(
                                        Arrays.asList(((String) w.getField("ids")).split(","))));
            }
            assertThat(byWindow)
                    .containsExactly(
                            Map.entry("2024-05-01 10:00:00.000", "6 [a0, a1, a2, a3, a4, a5]"),
                            Map.entry("2024-05-01 10:00:10.000", "4 [b0, b1, b2, b3]"));
        }
    }
}
