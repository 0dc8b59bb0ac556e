package dev.riffle.local.probe;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The smallest job {@code riffle submit} can run: a bounded sequence into a discarding sink. Its
 * name carries the file name of the {@code --config} it was given, after checking that the file is
 * readable where the client runs, so the launcher test can see the argument arrive as an absolute
 * path.
 */
public final class SubmitProbeJob {
    public static final String NAME_PREFIX = "riffle-submit-probe ";

    private SubmitProbeJob() {}

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        int at = arguments.indexOf("--config");
        if (at < 0 || at + 1 >= arguments.size()) {
            throw new IllegalArgumentException("Usage: SubmitProbeJob --config FILE");
        }
        Path config = Path.of(arguments.get(at + 1));
        if (!config.isAbsolute() || !Files.isReadable(config)) {
            throw new IllegalArgumentException("Not an absolute, readable path: " + config);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(1, 1_000).sinkTo(new DiscardingSink<>());
        env.execute(NAME_PREFIX + config.getFileName());
    }
}
