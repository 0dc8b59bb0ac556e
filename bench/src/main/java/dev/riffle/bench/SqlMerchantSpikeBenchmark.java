package dev.riffle.bench;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sql-merchant-spike}: events per second through sql/anomaly/merchant-spike.sql on one
 * subtask. The script's own views and INSERT run unchanged; its Kinesis tables are replaced by a
 * datagen table of transactions (1000 merchants, one event per millisecond of event time) and a
 * blackhole sink with the alert schema.
 */
public final class SqlMerchantSpikeBenchmark implements Benchmark {
    /** Events per run; override with -Dbench.sql.events. */
    private static final long EVENTS = Long.getLong("bench.sql.events", 3_000_000L);

    @Override
    public String name() {
        return "sql-merchant-spike";
    }

    @Override
    public BenchResult run() throws Exception {
        double best = 0;
        for (int round = 0; round < 2; round++) {
            best = Math.max(best, once());
            System.err.printf("sql-merchant-spike round %d: %.0f events/s%n", round, best);
        }
        return BenchResult.absolute(name(), "events_per_s", best).with("events", EVENTS);
    }

    private static double once() throws Exception {
        Configuration conf = new Configuration();
        conf.setString("parallelism.default", "1");
        TableEnvironment tEnv =
                TableEnvironment.create(
                        EnvironmentSettings.newInstance()
                                .inStreamingMode()
                                .withConfiguration(conf)
                                .build());
        tEnv.executeSql(
                "CREATE TABLE events ( seq BIGINT, `type` AS 'transaction', merchantId AS"
                    + " CONCAT('m-', CAST(seq % 1000 AS STRING)), ts AS TIMESTAMPADD(SECOND,"
                    + " CAST(seq / 1000 AS INT), TIMESTAMP '2025-01-01 00:00:00'), WATERMARK FOR ts"
                    + " AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'datagen',"
                    + " 'fields.seq.kind' = 'sequence', 'fields.seq.start' = '1', 'fields.seq.end'"
                    + " = '"
                        + EVENTS
                        + "')");
        for (String statement : scriptStatements()) {
            if (statement.startsWith("CREATE TABLE events")) {
                continue;
            }
            if (statement.startsWith("CREATE TABLE alerts")) {
                statement =
                        statement.substring(0, statement.lastIndexOf(") WITH ("))
                                + ") WITH ('connector' = 'blackhole')";
            }
            if (statement.startsWith("SET ")) {
                String[] kv = statement.substring(4).split("=", 2);
                tEnv.getConfig()
                        .getConfiguration()
                        .setString(kv[0].trim().replace("'", ""), kv[1].trim().replace("'", ""));
            } else if (statement.startsWith("INSERT")) {
                long start = System.nanoTime();
                tEnv.executeSql(statement).await();
                return EVENTS / ((System.nanoTime() - start) / 1e9);
            } else {
                tEnv.executeSql(statement);
            }
        }
        throw new IllegalStateException("merchant-spike.sql has no INSERT");
    }

    /** The script without comment lines, split into statements. */
    private static List<String> scriptStatements() throws Exception {
        Path script = Path.of("sql", "anomaly", "merchant-spike.sql");
        StringBuilder kept = new StringBuilder();
        for (String line : Files.readAllLines(script)) {
            if (!line.trim().startsWith("--")) {
                kept.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String s : kept.toString().split(";\\s*\n")) {
            if (!s.isBlank()) {
                statements.add(s.trim());
            }
        }
        return statements;
    }
}
