package dev.riffle.connector.kvs;

import dev.riffle.testing.Await;
import dev.riffle.testing.LocalAws;
import dev.riffle.testing.kvs.LocalKvsEndpoint;
import dev.riffle.testing.kvs.SyntheticFragment;
import dev.riffle.testing.kvs.SyntheticVideo;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job reading a live stream fails after a completed checkpoint and restarts from it: the restored
 * source resumes after the last complete fragment of that checkpoint. Fragment numbers are kept in
 * operator state, which is restored from the same checkpoint as the source, so a fragment the
 * source lost would be missing from it and one it emitted twice would be seen again in it.
 */
class KvsRestoreITCase {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** Set once a checkpoint completed after the first fragments were in state. */
    private static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();

    private static final AtomicBoolean FAILED = new AtomicBoolean();
    private static final List<String> DUPLICATES = new CopyOnWriteArrayList<>();
    private static final AtomicReference<List<String>> LATEST = new AtomicReference<>(List.of());

    @Test
    void aJobRestoredFromACheckpointResumesAfterTheLastCompleteFragment() throws Exception {
        try (LocalKvsEndpoint kvs = LocalKvsEndpoint.start(Duration.ofMillis(300), 3)) {
            String arn = kvs.createStream("restore");
            List<SyntheticFragment> all = SyntheticVideo.builder().fragments(8).build().fragments();
            kvs.append("restore", all.subList(0, 4));

            Configuration conf = new Configuration();
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(200));
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ZERO);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(1);
            KvsSource source =
                    KvsSource.builder()
                            .properties(
                                    Map.of(
                                            "aws.endpoint", kvs.endpoint().toString(),
                                            "aws.credentials.provider.basic.accesskeyid",
                                                    LocalAws.ACCESS_KEY_ID,
                                            "aws.credentials.provider.basic.secretkey",
                                                    LocalAws.SECRET_ACCESS_KEY))
                            .streamArns(arn)
                            .startSelector(StartSelector.earliest())
                            .idleReconnectDelay(Duration.ofMillis(200))
                            .build();
            env.fromSource(source, WatermarkStrategy.noWatermarks(), "kvs")
                    .uid("kvs")
                    .map(KvsFragment::getFragmentNumber)
                    .keyBy(n -> "all")
                    .process(new SeenOnce(4))
                    .uid("seen-once")
                    .sinkTo(new DiscardingSink<>());
            JobClient job = env.executeAsync("kvs-restore");
            try {
                Await.until(TIMEOUT, CHECKPOINTED::get, "a checkpoint with 4 fragments in state");
                kvs.append("restore", all.subList(4, 8));
                Await.until(TIMEOUT, FAILED::get, "the injected failure after that checkpoint");
                List<String> expected =
                        all.stream().map(SyntheticFragment::fragmentNumber).toList();
                Await.until(
                        TIMEOUT,
                        LATEST::get,
                        seen -> seen.size() >= expected.size(),
                        () -> "every fragment in state, have " + LATEST.get());

                assertThat(LATEST.get()).as("fragments in state").isEqualTo(expected);
                assertThat(DUPLICATES).as("fragments emitted again after the restore").isEmpty();
                assertThat(kvs.selectors("restore"))
                        .as("the restored source asked for what follows its checkpointed fragment")
                        .anyMatch(s -> s.startsWith("CONTINUATION_TOKEN "));
            } finally {
                job.cancel().get();
            }
        }
    }

    /**
     * Keeps every fragment number in state, reports one it has already seen, and fails the job
     * once: when a checkpoint holding at least {@code failAfter} fragments has completed.
     */
    static final class SeenOnce extends KeyedProcessFunction<String, String, String>
            implements CheckpointListener {
        private final int failAfter;
        private transient ListState<String> seen;
        private transient int inState;

        SeenOnce(int failAfter) {
            this.failAfter = failAfter;
        }

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            seen =
                    getRuntimeContext()
                            .getListState(new ListStateDescriptor<>("seen", Types.STRING));
        }

        @Override
        public void processElement(String number, Context ctx, Collector<String> out)
                throws Exception {
            List<String> all = new ArrayList<>();
            seen.get().forEach(all::add);
            if (all.contains(number)) {
                DUPLICATES.add(number);
            }
            if (CHECKPOINTED.get() && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after a checkpoint");
            }
            seen.add(number);
            all.add(number);
            inState = all.size();
            LATEST.set(List.copyOf(all));
            out.collect(number);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            // The checkpoint was taken after the record that made inState reach failAfter.
            if (inState >= failAfter) {
                CHECKPOINTED.set(true);
            }
        }
    }
}
