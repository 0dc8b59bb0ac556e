package dev.riffle.deploy.msf.guard;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** A job that enables checkpointing in code, unconditionally: MSF 2.2 rejects it. */
public final class SetsCheckpointingJob {
    private SetsCheckpointingJob() {}

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(5_000);
        env.fromSequence(1, 10).sinkTo(new DiscardingSink<>());
        env.execute("sets-checkpointing");
    }
}
