package dev.riffle.local;

import java.io.PrintStream;
import java.util.Map;

/**
 * kinesis-mock and s3proxy for the local setup (placeholder until connectors/testing's detached
 * mode lands).
 */
final class Emulators {
    static final String KINESIS_MOCK = "kinesis-mock";
    static final String S3PROXY = "s3proxy";

    Emulators(Layout layout, Settings settings, PrintStream out) {}

    void start() {}

    void createStreamsAndBucket() {}

    Map<String, String> flinkS3Properties() {
        return Map.of();
    }

    void printSummary() {}

    Map<String, String> sqlVariables() {
        return Map.of();
    }
}
