package dev.riffle.deploy.msf.guard;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** A job that sets the environment's parallelism, which MSF owns. */
public final class SetsParallelismJob {
    private SetsParallelismJob() {}

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(4);
        env.fromSequence(1, 10).sinkTo(new DiscardingSink<>());
        env.execute("sets-parallelism");
    }
}
