package dev.riffle.connector.kinesis.sink;

import dev.riffle.connector.kinesis.sink.internal.DeadLetterStream;
import dev.riffle.connector.kinesis.sink.internal.SinkSettings;

import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.MemorySize;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every sink key and default, and bad configuration failing at build time with what to do. */
class KinesisSinkBuilderTest {

    private static final String ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/events";

    private static KinesisSinkBuilder<String> valid() {
        return KinesisSink.<String>builder()
                .streamArn(ARN)
                .serializationSchema(new SimpleStringSchema())
                .randomPartitionKey();
    }

    @Test
    void optionsKeepTheOfficialKeysAndDefaults() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("sink.batch.max-size", 500);
        expected.put("sink.requests.max-inflight", 50);
        expected.put("sink.requests.max-buffered", 10_000);
        expected.put("sink.flush-buffer.size", MemorySize.parse("5mb"));
        expected.put("sink.flush-buffer.timeout", Duration.ofSeconds(5));
        expected.put("sink.fail-on-error", false);
        expected.put("sink.request.timeout", Duration.ofMinutes(10));
        expected.put("sink.fail-on-timeout", false);
        expected.put("sink.record.max-size", MemorySize.parse("1mb"));
        expected.put("sink.partitioner", null);
        expected.put("sink.partitioner-field-delimiter", "|");
        expected.put("sink.dead-letter.stream.arn", null);
        expected.put("sink.dead-letter.stream.name", null);
        expected.put("sink.retry.initial-backoff", Duration.ofMillis(50));
        expected.put("sink.retry.max-backoff", Duration.ofSeconds(2));
        expected.put("sink.retry.max-client-failures", 20);

        Map<String, Object> actual = new LinkedHashMap<>();
        for (ConfigOption<?> o : KinesisSinkOptions.all()) {
            actual.put(o.key(), o.hasDefaultValue() ? o.defaultValue() : null);
            assertThat(o.description().toString()).as(o.key()).isNotBlank();
        }
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @Test
    void aMinimalSinkHasTheDocumentedDefaults() {
        SinkSettings s = valid().build().settings();
        assertThat(s.maxBatchSize).isEqualTo(500);
        assertThat(s.maxInFlightRequests).isEqualTo(50);
        assertThat(s.maxBufferedRequests).isEqualTo(10_000);
        assertThat(s.maxBatchSizeInBytes).isEqualTo(5L << 20);
        assertThat(s.maxTimeInBuffer).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.maxRecordSizeInBytes).isEqualTo(1L << 20);
        assertThat(s.failOnError).isFalse();
        assertThat(s.deadLetterStream).isNull();
        assertThat(s.stream.id()).isEqualTo(ARN);
    }

    @Test
    void theOfficialConnectorsPlainNumbersAreAccepted() {
        SinkSettings s =
                valid().set("sink.flush-buffer.size", "10485760")
                        .set("sink.flush-buffer.timeout", "1000")
                        .set("sink.record.max-size", "10485760")
                        .build()
                        .settings();
        assertThat(s.maxBatchSizeInBytes).isEqualTo(10L << 20);
        assertThat(s.maxRecordSizeInBytes).isEqualTo(10L << 20);
        assertThat(s.maxTimeInBuffer).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void badValuesAreAllReportedWithKeyValueReasonAndAcceptedValues() {
        assertThatThrownBy(
                        () ->
                                valid().set("sink.batch.max-size", "501")
                                        .set("sink.requests.max-buffered", "100")
                                        .set("sink.record.max-size", "11mb")
                                        .set("sink.flush-buffer.timeout", "0 ms")
                                        .set("sink.fail-on-error", "maybe")
                                        .build())
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining(
                        "Invalid value '501' for configuration sink.batch.max-size: PutRecords"
                                + " takes 1 to 500 records. Accepted: an integer from 1 to 500")
                .hasMessageContaining(
                        "Invalid value '100' for configuration sink.requests.max-buffered: it must"
                                + " be greater than sink.batch.max-size (500). Accepted: an integer"
                                + " greater than 500")
                .hasMessageContaining(
                        "Invalid value '11mb' for configuration sink.record.max-size: Kinesis"
                            + " accepts records of at most 10 MiB. Accepted: a size from 1 byte to"
                            + " 10 mb, e.g. 1 mb")
                .hasMessageContaining(
                        "Invalid value '0 ms' for configuration sink.flush-buffer.timeout: it must"
                                + " be positive. Accepted: a positive duration such as 5000"
                                + " (milliseconds) or 5 s")
                .hasMessageContaining(
                        "Invalid value 'maybe' for configuration sink.fail-on-error: it cannot be"
                                + " read as a boolean. Accepted: true or false");
    }

    @Test
    void aRecordLimitAboveTheRequestSizeIsRejectedWithTheWayOut() {
        assertThatThrownBy(() -> valid().set("sink.record.max-size", "8 mb").build())
                .hasMessageContaining(
                        "Invalid value '8 mb' for configuration sink.record.max-size: it exceeds"
                                + " sink.flush-buffer.size (5242880 bytes), the most one"
                                + " PutRecords request carries. Accepted: at most"
                                + " sink.flush-buffer.size; for larger records raise"
                                + " sink.flush-buffer.size as well (up to 10 mb)")
                .isInstanceOf(IllegalConfigurationException.class);
    }

    @Test
    void unknownAndMisspelledKeysAreRejectedWithTheKnownKeys() {
        assertThatThrownBy(
                        () ->
                                valid().set("sink.batch.max-sise", "10")
                                        .set("format", "json")
                                        .build())
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining(
                        "Invalid value '10' for configuration sink.batch.max-sise: unknown"
                                + " configuration key (is it misspelled?). Accepted: the keys"
                                + " sink.batch.max-size,")
                .hasMessageContaining(
                        "Invalid value 'json' for configuration format: it is not a Kinesis sink"
                                + " option. Accepted: keys under aws., stream. and sink.");
    }

    @Test
    void missingStreamSchemaAndPartitionKeyAreAllReported() {
        assertThatThrownBy(() -> KinesisSink.<String>builder().build())
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("Missing configuration stream.arn: no stream is configured")
                .hasMessageContaining("Missing serialization schema")
                .hasMessageContaining(
                        "Missing partition key: call partitionKeyGenerator(...),"
                                + " partitionKeyField(...) or randomPartitionKey(), or set"
                                + " sink.partitioner (random, fixed or a class name)");
    }

    @Test
    void thePartitionerOptionNamesRandomFixedOrAClass() {
        KinesisSinkBuilder<String> b =
                KinesisSink.<String>builder()
                        .streamArn(ARN)
                        .serializationSchema(new SimpleStringSchema());
        assertThat(b.set("sink.partitioner", "fixed").build()).isNotNull();
        assertThat(b.set("sink.partitioner", FirstChar.class.getName()).build()).isNotNull();
        assertThatThrownBy(() -> b.set("sink.partitioner", "com.example.Nope").build())
                .hasMessageContaining(
                        "Invalid value 'com.example.Nope' for configuration sink.partitioner: no"
                                + " such class is on the classpath. Accepted: random, fixed, or the"
                                + " class name of a PartitionKeyGenerator with a public no-argument"
                                + " constructor");
        assertThatThrownBy(() -> b.set("sink.partitioner", String.class.getName()).build())
                .hasMessageContaining("the class does not implement PartitionKeyGenerator");
        assertThatThrownBy(() -> valid().set("sink.partitioner", "random").build())
                .hasMessageContaining(
                        "Both a partition key generator and sink.partitioner=random are set");
    }

    @Test
    void theDeadLetterStreamMustBeAnotherKinesisStream() {
        KinesisSink<String> sink =
                valid().deadLetterStreamArn(
                                "arn:aws:kinesis:us-east-1:123456789012:stream/dead-letters")
                        .build();
        assertThat(sink.deadLetterHandler()).isInstanceOf(DeadLetterStream.class);
        assertThat(((DeadLetterStream) sink.deadLetterHandler()).stream().name())
                .isEqualTo("dead-letters");
        assertThatThrownBy(() -> valid().deadLetterStreamArn(ARN).build())
                .hasMessageContaining(
                        "Invalid value '"
                                + ARN
                                + "' for configuration sink.dead-letter.stream.arn: it is the"
                                + " sink's own stream, where a rejected record would be rejected"
                                + " again. Accepted: a different stream");
        assertThatThrownBy(() -> valid().deadLetterStreamArn("arn:aws:s3:::bucket").build())
                .hasMessageContaining(
                        "Invalid value 'arn:aws:s3:::bucket' for configuration"
                                + " sink.dead-letter.stream.arn: it is not the ARN of a Kinesis"
                                + " data stream");
    }

    @Test
    void aPartitionKeyFieldIsReadFromPojosMapsAndGetters() {
        assertThat(PartitionKeyGenerator.<Pojo>field("user").apply(new Pojo())).isEqualTo("u-1");
        assertThat(PartitionKeyGenerator.<Pojo>field("region").apply(new Pojo())).isEqualTo("eu");
        assertThat(
                        PartitionKeyGenerator.<Map<String, Object>>field("user")
                                .apply(Map.of("user", 7)))
                .isEqualTo("7");
        assertThatThrownBy(() -> PartitionKeyGenerator.<Pojo>field("nope").apply(new Pojo()))
                .hasMessageContaining("Partition key field 'nope' not found on");
    }

    /** A field and a getter. */
    public static final class Pojo {
        public String user = "u-1";

        public String getRegion() {
            return "eu";
        }
    }

    /** A partitioner named by class. */
    public static final class FirstChar implements PartitionKeyGenerator<String> {
        @Override
        public String apply(String element) {
            return element.substring(0, 1);
        }
    }
}
