package dev.riffle.connector.kinesis.table;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The {@code 'kinesis'} factory's options through the planner: what is accepted and what fails. */
class KinesisDynamicTableFactoryTest {

    private static final String ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/events";
    private static final String SECRET = "s3cr3t-never-shown";

    private TableEnvironment tEnv;

    @BeforeEach
    void planner() {
        tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    }

    private static Map<String, String> valid() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("connector", "kinesis");
        options.put("stream.arn", ARN);
        options.put("format", "json");
        return options;
    }

    private void create(Map<String, String> options) {
        String with =
                options.entrySet().stream()
                        .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'")
                        .collect(Collectors.joining(",\n  "));
        tEnv.executeSql(
                "CREATE TABLE t (\n"
                        + "  id STRING,\n"
                        + "  amount INT,\n"
                        + "  ts TIMESTAMP(3),\n"
                        + "  arrival TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,\n"
                        + "  shard STRING METADATA FROM 'shard-id' VIRTUAL,\n"
                        + "  seq STRING METADATA FROM 'sequence-number' VIRTUAL,\n"
                        + "  pk STRING METADATA FROM 'partition-key' VIRTUAL,\n"
                        + "  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND\n"
                        + ") WITH (\n  "
                        + with
                        + "\n)");
    }

    /** Plans a read of the table; the factory runs here. */
    private String explainRead() {
        return tEnv.explainSql("SELECT id, shard FROM t");
    }

    private Throwable readFails(Map<String, String> options) {
        create(options);
        Throwable failure = catchThrowable(this::explainRead);
        assertThat(failure).as("planning a read of a table with %s", options).isNotNull();
        return failure;
    }

    /** Every message in the cause chain, one per line. */
    private static String messages(Throwable t) {
        List<String> out = new ArrayList<>();
        for (Throwable c = t; c != null; c = c.getCause()) {
            out.add(String.valueOf(c.getMessage()));
        }
        return String.join("\n", out);
    }

    @Test
    void aValidTablePushesProjectionMetadataAndWatermarkIntoTheSource() {
        create(valid());

        String plan = explainRead();

        assertThat(plan)
                .contains("TableSourceScan(table=[[default_catalog, default_database, t,")
                .contains("project=[id, ts]")
                .contains("metadata=[shard-id]")
                .contains("watermark=[-(ts, 1000:INTERVAL SECOND)]");
    }

    @Test
    void aMisspelledSourceOptionFailsWithTheSupportedKeys() {
        Map<String, String> options = valid();
        options.put("source.init.positon", "TRIM_HORIZON");

        String message = messages(readFails(options));

        assertThat(message)
                .contains("Unsupported options found for 'kinesis'")
                .contains("source.init.positon")
                .contains("Supported options:")
                .contains("source.init.position")
                .contains("aws.region")
                .contains("sink.fail-on-error")
                .contains("sink.dead-letter.stream.arn")
                .contains("Did you mean 'source.init.position' instead of 'source.init.positon'?");
    }

    @Test
    void aMisspelledAwsOptionIsNotSkippedByItsPrefix() {
        Map<String, String> options = valid();
        options.put("aws.regoin", "us-east-1");

        String message = messages(readFails(options));

        assertThat(message)
                .contains("Unsupported options found for 'kinesis'")
                .contains("aws.regoin")
                .contains("Did you mean 'aws.region' instead of 'aws.regoin'?");
    }

    @Test
    void aMisspelledNestedCredentialsKeyFailsWithTheKeysThatExist() {
        Map<String, String> options = valid();
        options.put("aws.credentials.provider", "ASSUME_ROLE");
        options.put("aws.credentials.provider.role.arn", "arn:aws:iam::123456789012:role/r");
        options.put("aws.credentials.provider.role.sessionName", "riffle");
        options.put("aws.credentials.provider.role.provider", "PROFILE");
        options.put("aws.credentials.provider.role.provider.profile.nmae", "ops");

        String message = messages(readFails(options));

        assertThat(message)
                .contains("aws.credentials.provider.role.provider.profile.nmae")
                .contains("unknown configuration key (is it misspelled?)")
                .contains("aws.credentials.provider.role.provider.profile.name");
    }

    @Test
    void aBadValueNamesKeyValueReasonAndAcceptedValues() {
        Map<String, String> options = valid();
        options.put("source.init.position", "OLDEST");

        String message = messages(readFails(options));

        assertThat(message)
                .contains(
                        "Invalid value 'OLDEST' for configuration source.init.position: it is not a"
                                + " known value. Accepted: LATEST, TRIM_HORIZON, AT_TIMESTAMP");
    }

    @Test
    void aTableWithoutAStreamSaysHowToNameOne() {
        Map<String, String> options = valid();
        options.remove("stream.arn");

        String message = messages(readFails(options));

        assertThat(message)
                .contains("Missing configuration stream.arn")
                .contains("set stream.arn, or stream.name with aws.region");
    }

    @Test
    void aStreamNameWithARegionIsAccepted() {
        Map<String, String> options = valid();
        options.remove("stream.arn");
        options.put("stream.name", "events");
        options.put("aws.region", "eu-west-1");
        create(options);

        assertThat(explainRead()).contains("TableSourceScan");
    }

    @Test
    void theSecretKeyNeverAppearsInAFailure() {
        Map<String, String> options = valid();
        options.put("aws.credentials.provider", "BASIC");
        options.put("aws.credentials.provider.basic.accesskeyid", "AKIDEXAMPLE");
        options.put("aws.credentials.provider.basic.secretkey", SECRET);
        options.put("source.init.positon", "LATEST");

        Throwable failure = readFails(options);

        assertThat(messages(failure)).doesNotContain(SECRET);
        StringBuilder trace = new StringBuilder();
        for (Throwable c = failure; c != null; c = c.getCause()) {
            trace.append(c).append('\n');
        }
        assertThat(trace.toString()).doesNotContain(SECRET);
    }

    @Test
    void theFactoryAcceptsTheOfficialConnectorsKeys() {
        Set<String> keys =
                new KinesisDynamicTableFactory()
                        .optionalOptions().stream()
                                .map(ConfigOption::key)
                                .collect(Collectors.toSet());

        assertThat(keys)
                .contains(
                        "stream.arn",
                        "aws.region",
                        "aws.endpoint",
                        "aws.trust.all.certificates",
                        "aws.credentials.provider",
                        "aws.credentials.provider.basic.accesskeyid",
                        "aws.credentials.provider.basic.secretkey",
                        "aws.credentials.provider.profile.name",
                        "aws.credentials.provider.profile.path",
                        "aws.credentials.provider.role.arn",
                        "aws.credentials.provider.role.sessionName",
                        "aws.credentials.provider.role.externalId",
                        "aws.credentials.provider.role.provider",
                        "aws.credentials.provider.webIdentityToken.file",
                        "source.init.position",
                        "source.init.timestamp",
                        "source.init.timestamp.format",
                        "source.shard.discovery.interval",
                        "source.reader.type",
                        "source.efo.consumer.name",
                        "source.efo.lifecycle",
                        "source.efo.subscription.timeout",
                        "sink.partitioner",
                        "sink.partitioner-field-delimiter",
                        "sink.fail-on-error",
                        "sink.batch.max-size",
                        "sink.requests.max-inflight",
                        "sink.requests.max-buffered",
                        "sink.flush-buffer.size",
                        "sink.flush-buffer.timeout")
                .contains(
                        "stream.name",
                        "sink.explicit-hash-key-field",
                        "sink.dead-letter.stream.arn",
                        "sink.record.max-size");
        assertThat(new KinesisDynamicTableFactory().factoryIdentifier()).isEqualTo("kinesis");
    }

    private Throwable writeFails(String partitionedBy, Map<String, String> options) {
        String with =
                options.entrySet().stream()
                        .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'")
                        .collect(Collectors.joining(",\n  "));
        tEnv.executeSql(
                "CREATE TABLE out_t (user_id STRING, route STRING, amount DOUBLE) "
                        + partitionedBy
                        + " WITH (\n  "
                        + with
                        + "\n)");
        Throwable failure =
                catchThrowable(
                        () ->
                                tEnv.explainSql(
                                        "INSERT INTO out_t VALUES ('u1', '1', CAST(2.5 AS"
                                                + " DOUBLE))"));
        assertThat(failure).as("planning a write with %s", options).isNotNull();
        return failure;
    }

    @Test
    void aMisspelledSinkOptionFailsWithTheSupportedKeys() {
        Map<String, String> options = valid();
        options.put("sink.batch.max-sise", "100");

        String message = messages(writeFails("", options));

        assertThat(message)
                .contains("Unsupported options found for 'kinesis'")
                .contains("sink.batch.max-sise")
                .contains("sink.fail-on-error")
                .contains("Did you mean 'sink.batch.max-size' instead of 'sink.batch.max-sise'?");
    }

    @Test
    void aPartitionedTableCannotAlsoNameAPartitioner() {
        Map<String, String> options = valid();
        options.put("sink.partitioner", "random");

        String message = messages(writeFails("PARTITIONED BY (user_id)", options));

        assertThat(message)
                .contains(
                        "Invalid value 'random' for configuration sink.partitioner: the table is"
                                + " PARTITIONED BY (user_id), whose fields are the partition key");
    }

    @Test
    void anUnknownPartitionerIsNamedWithWhatIsAccepted() {
        Map<String, String> options = valid();
        options.put("sink.partitioner", "com.example.NoSuchPartitioner");

        String message = messages(writeFails("", options));

        assertThat(message)
                .contains(
                        "Invalid value 'com.example.NoSuchPartitioner' for configuration"
                                + " sink.partitioner: no such class")
                .contains("Accepted: random, fixed, or the class name of a");
    }

    @Test
    void theExplicitHashKeyFieldMustBeAColumnHoldingANumber() {
        Map<String, String> options = valid();
        options.put("sink.explicit-hash-key-field", "amount");

        String message = messages(writeFails("", options));

        assertThat(message)
                .contains(
                        "Invalid value 'amount' for configuration sink.explicit-hash-key-field:"
                                + " column amount is of type DOUBLE");

        options.put("sink.explicit-hash-key-field", "no_such_column");
        tEnv.executeSql("DROP TABLE out_t");
        assertThat(messages(writeFails("", options)))
                .contains(
                        "Invalid value 'no_such_column' for configuration"
                                + " sink.explicit-hash-key-field: the table has no such physical"
                                + " column. Accepted: one of [user_id, route, amount]");
    }

    @Test
    void aValidPartitionedTableWithAnExplicitHashKeyPlansAWrite() {
        Map<String, String> options = valid();
        options.put("sink.explicit-hash-key-field", "route");
        options.put("sink.fail-on-error", "true");
        tEnv.executeSql(
                "CREATE TABLE out_t (user_id STRING, route STRING, amount DOUBLE)"
                        + " PARTITIONED BY (user_id) WITH ("
                        + options.entrySet().stream()
                                .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'")
                                .collect(Collectors.joining(", "))
                        + ")");

        assertThat(tEnv.explainSql("INSERT INTO out_t VALUES ('u1', '1', CAST(2.5 AS DOUBLE))"))
                .contains("Sink(table=[default_catalog.default_database.out_t]");
    }
}
