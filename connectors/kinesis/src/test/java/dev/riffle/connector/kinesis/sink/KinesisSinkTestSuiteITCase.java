package dev.riffle.connector.kinesis.sink;

import dev.riffle.connector.kinesis.source.testutil.JUnit5MiniClusterTestEnvironment;
import dev.riffle.testing.kinesis.KinesisMockExtension;
import dev.riffle.testing.kinesis.StreamRecord;
import dev.riffle.testing.kinesis.TestStream;

import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.external.ExternalSystemDataReader;
import org.apache.flink.connector.testframe.external.sink.DataStreamSinkV2ExternalContext;
import org.apache.flink.connector.testframe.external.sink.TestingSinkSettings;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SinkTestSuiteBase;
import org.apache.flink.core.execution.CheckpointingMode;

import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Flink's connector testing framework against the sink and kinesis-mock: a basic write, restart
 * from a savepoint, scale up and down, and the sink's metrics. Writes are at-least-once, so that is
 * the semantic under test. Each case writes to its own single-shard stream, read back with the
 * plain SDK.
 */
class KinesisSinkTestSuiteITCase extends SinkTestSuiteBase<String> {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    @TestEnv JUnit5MiniClusterTestEnvironment flink = new JUnit5MiniClusterTestEnvironment();

    @TestSemantics
    CheckpointingMode[] semantics = new CheckpointingMode[] {CheckpointingMode.AT_LEAST_ONCE};

    @TestContext ExternalContextFactory<KinesisContext> context = testName -> new KinesisContext();

    /** One stream of one shard per test case. */
    static final class KinesisContext implements DataStreamSinkV2ExternalContext<String> {
        private final TestStream stream = KINESIS.createStream("sink-suite", 1);

        @Override
        public Sink<String> createSink(TestingSinkSettings settings) {
            return KinesisSink.<String>builder()
                    .setAll(KINESIS.mock().connectorProperties(true))
                    // kinesis-mock's TLS port does not negotiate HTTP/2 (Kinesis does).
                    .set("aws.http.protocol.version", "HTTP1_1")
                    .streamArn(stream.arn())
                    .serializationSchema(new SimpleStringSchema())
                    .partitionKeyGenerator(v -> v.substring(0, v.indexOf('-')))
                    .maxTimeInBuffer(Duration.ofMillis(200))
                    .build();
        }

        @Override
        public ExternalSystemDataReader<String> createSinkDataReader(TestingSinkSettings settings) {
            return new ExternalSystemDataReader<>() {
                private int seen;

                @Override
                public List<String> poll(Duration timeout) {
                    List<StreamRecord> all = stream.readAll();
                    List<String> fresh = new ArrayList<>();
                    for (int i = seen; i < all.size(); i++) {
                        fresh.add(all.get(i).text());
                    }
                    seen = all.size();
                    return fresh;
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public List<String> generateTestData(TestingSinkSettings settings, long seed) {
            Random random = new Random(seed);
            List<String> records = new ArrayList<>();
            int n = 20 + random.nextInt(20);
            for (int i = 0; i < n; i++) {
                records.add(
                        "k" + random.nextInt(5) + "-" + seed + "-" + i + "-" + random.nextInt());
            }
            return records;
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }

        @Override
        public List<URL> getConnectorJarPaths() {
            return List.of();
        }

        @Override
        public void close() {}
    }
}
