package dev.riffle.connector.kinesis.source;

import dev.riffle.connector.kinesis.source.config.KinesisSourceOptions.InitialPosition;
import dev.riffle.connector.kinesis.source.testutil.JUnit5MiniClusterTestEnvironment;
import dev.riffle.testing.kinesis.KinesisMockExtension;
import dev.riffle.testing.kinesis.TestStream;

import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.external.ExternalSystemSplitDataWriter;
import org.apache.flink.connector.testframe.external.source.DataStreamSourceExternalContext;
import org.apache.flink.connector.testframe.external.source.TestingSourceSettings;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SourceTestSuiteBase;
import org.apache.flink.core.execution.CheckpointingMode;

import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Flink's connector testing framework against the source and kinesis-mock: restart from a
 * savepoint, scale up and down, metrics, an idle reader and a task manager failure. A split is a
 * shard; each test gets a stream of four shards and each split writer targets one shard by explicit
 * hash key. The source is unbounded, so the framework's bounded cases are skipped.
 */
class KinesisSourceTestSuiteITCase extends SourceTestSuiteBase<String> {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    private static final int SHARDS = 4;

    @TestEnv JUnit5MiniClusterTestEnvironment flink = new JUnit5MiniClusterTestEnvironment();

    @TestSemantics
    CheckpointingMode[] semantics = new CheckpointingMode[] {CheckpointingMode.EXACTLY_ONCE};

    @TestContext ExternalContextFactory<KinesisContext> context = testName -> new KinesisContext();

    /** One stream of four shards per test case. */
    static final class KinesisContext implements DataStreamSourceExternalContext<String> {
        private final TestStream stream = KINESIS.createStream("testframe", SHARDS);
        private final AtomicInteger writers = new AtomicInteger();

        @Override
        public Source<String, ?, ?> createSource(TestingSourceSettings settings) {
            if (settings.getBoundedness() == Boundedness.BOUNDED) {
                throw new UnsupportedOperationException("The Kinesis source is unbounded");
            }
            return KinesisSource.<String>builder()
                    .setAll(KINESIS.mock().connectorProperties(false))
                    .streamArn(stream.arn())
                    .initialPosition(InitialPosition.TRIM_HORIZON)
                    .set("source.shard.discovery.interval", "500 ms")
                    .set("source.reader.empty-records-fetch-interval", "100 ms")
                    .deserializationSchema(new SimpleStringSchema())
                    .build();
        }

        @Override
        public ExternalSystemSplitDataWriter<String> createSourceSplitDataWriter(
                TestingSourceSettings settings) {
            int index = writers.getAndIncrement();
            List<Shard> shards = stream.listShards();
            if (index >= shards.size()) {
                throw new IllegalStateException("The test stream has only " + SHARDS + " shards");
            }
            String hashKey = shards.get(index).hashKeyRange().startingHashKey();
            return new ExternalSystemSplitDataWriter<>() {
                @Override
                public void writeRecords(List<String> records) {
                    List<PutRecordsRequestEntry> entries = new ArrayList<>();
                    for (String r : records) {
                        entries.add(
                                PutRecordsRequestEntry.builder()
                                        .partitionKey("split-" + index)
                                        .explicitHashKey(hashKey)
                                        .data(SdkBytes.fromString(r, StandardCharsets.UTF_8))
                                        .build());
                    }
                    stream.putAll(entries);
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public List<String> generateTestData(
                TestingSourceSettings settings, int splitIndex, long seed) {
            Random random = new Random(seed);
            List<String> records = new ArrayList<>();
            int n = 10 + random.nextInt(10);
            for (int i = 0; i < n; i++) {
                records.add("split-" + splitIndex + "-" + seed + "-" + i + "-" + random.nextInt());
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
