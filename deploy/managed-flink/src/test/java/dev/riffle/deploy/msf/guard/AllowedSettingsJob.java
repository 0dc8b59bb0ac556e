package dev.riffle.deploy.msf.guard;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * A job that only sets what MSF lets code set: object reuse, and the parallelism of one operator
 * (operator parallelism is part of the job graph, not of the configuration).
 */
public final class AllowedSettingsJob {
    private AllowedSettingsJob() {}

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.getConfig().enableObjectReuse();
        env.fromSequence(1, 10)
                .uid("numbers")
                .sinkTo(new DiscardingSink<>())
                .uid("discard")
                .setParallelism(1);
        env.execute("allowed-settings");
    }
}
