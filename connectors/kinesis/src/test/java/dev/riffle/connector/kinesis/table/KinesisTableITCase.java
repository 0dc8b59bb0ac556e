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

    @Test
    void insertedRowsComeBackWithTheirKeysShardsAndEventTimeWindows(@Shards(2) TestStream stream)
            throws Exception {
        // Written with PARTITIONED BY (user_id): the partition key is the user; the explicit hash
        // key column routes each row to shard 0 or 1 regardless of that key.
        tEnv.executeSql(
                "CREATE TABLE orders_out (\n"
                        + "  user_id STRING,\n"
                        + "  id INT,\n"
                        + "  ts TIMESTAMP(3),\n"
                        + "  route STRING\n"
                        + ") PARTITIONED BY (user_id)"
                        + with(stream, "'sink.explicit-hash-key-field' = 'route'"));
        tEnv.executeSql(
                "CREATE TABLE orders_in (\n"
                        + "  user_id STRING,\n"
                        + "  id INT,\n"
                        + "  ts TIMESTAMP(3),\n"
                        + "  route STRING,\n"
                        + "  arrival TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,\n"
                        + "  shard STRING METADATA FROM 'shard-id' VIRTUAL,\n"
                        + "  seq STRING METADATA FROM 'sequence-number' VIRTUAL,\n"
                        + "  pk STRING METADATA FROM 'partition-key' VIRTUAL,\n"
                        + "  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND\n"
                        + ")"
                        + with(stream, "'source.init.position' = 'TRIM_HORIZON'"));
        List<String> values = new ArrayList<>();
        for (int id = 0; id < 30; id++) {
            // ids 0..19 in [10:00:00, 10:00:10), 20..29 in [10:00:10, 10:00:20)
            String ts = id < 20 ? "10:00:0" + (id % 10) : "10:00:1" + (id % 10);
            values.add(row("u" + (id % 3), id, ts, id % 2));
        }
        // One late row per shard: both shards' watermarks pass both windows.
        values.add(row("late", 100, "10:01:00", 0));
        values.add(row("late", 101, "10:01:00", 1));
        tEnv.executeSql("INSERT INTO orders_out VALUES " + String.join(",\n", values)).await();

        // What the sink wrote, read with the plain SDK: partition keys and shards.
        List<StreamRecord> written = stream.readAll();
        assertThat(written).hasSize(32);
        String[] shards = {
            stream.listShards().get(0).shardId(), stream.listShards().get(1).shardId()
        };

        try (Rows out =
                new Rows(
                        tEnv.executeSql(
                                "SELECT user_id, id, route, arrival, shard, seq, pk FROM"
                                        + " orders_in"))) {
            List<Row> rows = out.await(32);
            assertThat(rows.stream().map(r -> (Integer) r.getField("id")))
                    .containsExactlyInAnyOrderElementsOf(
                            java.util.stream.IntStream.concat(
                                            java.util.stream.IntStream.range(0, 30),
                                            java.util.stream.IntStream.of(100, 101))
                                    .boxed()
                                    .toList());
            Map<String, StreamRecord> bySeq = new TreeMap<>();
            written.forEach(r -> bySeq.put(r.sequenceNumber(), r));
            for (Row row : rows) {
                int id = (Integer) row.getField("id");
                assertThat(row.getField("pk")).as("id %s", id).isEqualTo(row.getField("user_id"));
                assertThat(row.getField("shard"))
                        .as("id %s", id)
                        .isEqualTo(
                                shards[SHARD_HASH_KEYS[0].equals(row.getField("route")) ? 0 : 1]);
                StreamRecord record = bySeq.get((String) row.getField("seq"));
                assertThat(record).as("id %s", id).isNotNull();
                assertThat(record.partitionKey()).isEqualTo(row.getField("pk"));
                assertThat(row.getField("arrival"))
                        .isEqualTo(record.approximateArrival().truncatedTo(ChronoUnit.MILLIS));
            }
        }

        try (Rows out =
                new Rows(
                        tEnv.executeSql(
                                "SELECT CAST(window_start AS STRING) AS w, COUNT(*) AS n,"
                                        + " SUM(id) AS ids\n"
                                        + "FROM TABLE(TUMBLE(TABLE orders_in, DESCRIPTOR(ts),"
                                        + " INTERVAL '10' SECOND))\n"
                                        + "GROUP BY window_start, window_end"))) {
            Map<String, String> byWindow = new TreeMap<>();
            for (Row w : out.await(2)) {
                byWindow.put((String) w.getField("w"), w.getField("n") + " " + w.getField("ids"));
            }
            // 0+..+19 = 190, 20+..+29 = 245
            assertThat(byWindow)
                    .containsExactly(
                            Map.entry("2024-05-01 10:00:00.000", "20 190"),
                            Map.entry("2024-05-01 10:00:10.000", "10 245"));
        }
    }

    @Test
    void aFormatThatCannotProjectStillServesQueriesOfMetadataOnly(@Shards(1) TestStream stream)
            throws Exception {
        // 'raw' decodes the whole payload; a query of metadata columns alone projects it away.
        stream.put("pk-a", "first payload");
        stream.put("pk-b", "second payload");
        tEnv.executeSql(
                "CREATE TABLE lines (\n"
                        + "  line STRING,\n"
                        + "  pk STRING METADATA FROM 'partition-key' VIRTUAL,\n"
                        + "  seq STRING METADATA FROM 'sequence-number' VIRTUAL\n"
                        + ")"
                        + with(stream, "'source.init.position' = 'TRIM_HORIZON'")
                                .replace("'format' = 'json'", "'format' = 'raw'"));
        List<StreamRecord> written = stream.readAll();

        try (Rows out = new Rows(tEnv.executeSql("SELECT pk, seq FROM lines"))) {
            assertThat(out.await(2))
                    .extracting(r -> r.getField("pk") + " " + r.getField("seq"))
                    .containsExactlyInAnyOrder(
                            written.get(0).partitionKey() + " " + written.get(0).sequenceNumber(),
                            written.get(1).partitionKey() + " " + written.get(1).sequenceNumber());
        }
        try (Rows out = new Rows(tEnv.executeSql("SELECT line, pk FROM lines"))) {
            assertThat(out.await(2))
                    .extracting(r -> r.getField("line") + " @" + r.getField("pk"))
                    .containsExactlyInAnyOrder("first payload @pk-a", "second payload @pk-b");
        }
    }

    private static String row(String user, int id, String time, int shard) {
        return String.format(
                "('%s', %d, TIMESTAMP '2024-05-01 %s.000', '%s')",
                user, id, time, SHARD_HASH_KEYS[shard]);
    }
}
